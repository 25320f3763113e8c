package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.application.port.in.RetractEventsUseCase;
import dev.signals.application.port.in.RetractEventsUseCase.RetractOutcome;
import dev.signals.application.port.in.RetractionReport;
import dev.signals.domain.account.InstitutionId;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds one institution's retractions (contract section 4.1) to the use case in batches and keeps the tally. The
 * {@code index} of each retraction is its line number in the source, so rejections name lines. Every batch is
 * committed before the next is read: an import stopped half-way keeps what it retracted, and running it again
 * counts those as already retracted.
 */
public final class RetractionImport {

    private final RetractEventsUseCase retractions;
    private final InstitutionId institution;
    private final int batchSize;
    private final List<RetractionReport> pending = new ArrayList<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private long read;
    private long retracted;
    private long alreadyRetracted;

    public RetractionImport(RetractEventsUseCase retractions, String institution, int batchSize) {
        this.retractions = retractions;
        this.institution = new InstitutionId(institution);
        this.batchSize = requireBatchSize(batchSize);
    }

    /** Refuses a batch size the use case would refuse, before anything is opened or read. */
    public static int requireBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > RetractEventsUseCase.MAX_BATCH) {
            throw new IllegalArgumentException("the batch size is between 1 and " + RetractEventsUseCase.MAX_BATCH
                    + ", was " + batchSize);
        }
        return batchSize;
    }

    /** Queues one retraction; retracts a batch when one is full. */
    public void add(RetractionReport report) {
        read++;
        pending.add(report);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Retracts everything still queued. */
    public Summary finish() {
        flush();
        return new Summary(read, retracted, alreadyRetracted, List.copyOf(rejected));
    }

    public long retracted() {
        return retracted;
    }

    public long alreadyRetracted() {
        return alreadyRetracted;
    }

    public long rejectedCount() {
        return rejected.size();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        RetractOutcome outcome = retractions.retract(institution, List.copyOf(pending));
        pending.clear();
        retracted += outcome.retracted();
        alreadyRetracted += outcome.alreadyRetracted();
        rejected.addAll(outcome.rejected());
    }

    /** The tally of an import; rejections carry line numbers. */
    public record Summary(long read, long retracted, long alreadyRetracted, List<Rejection> rejected) {

        public String describe(int maxListed) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%,d read, %,d retracted, %,d already retracted, %,d rejected%n", read, retracted,
                    alreadyRetracted, rejected.size()));
            RejectedLines.list(text, rejected, maxListed);
            return text.toString();
        }
    }
}
