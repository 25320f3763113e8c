package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import dev.signals.application.port.in.ReportEventsUseCase;
import dev.signals.application.port.in.ReportEventsUseCase.Rejection;
import dev.signals.domain.account.InstitutionId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds events to the reporting use case in batches, one institution per batch, and keeps the tally.
 * The {@code index} of each report is its line number in the source, so rejections name lines. Every
 * batch is committed before the next is read: an import stopped half-way keeps what it reported, and
 * running it again counts those as duplicates.
 */
public final class EventImport {

    private final ReportEventsUseCase events;
    private final int batchSize;
    private final Map<String, List<EventReport>> pending = new LinkedHashMap<>();
    private final List<Rejection> rejected = new ArrayList<>();
    private long accepted;
    private long duplicates;
    private long read;
    private int pendingCount;

    public EventImport(ReportEventsUseCase events, int batchSize) {
        this.events = events;
        this.batchSize = requireBatchSize(batchSize);
    }

    /** Refuses a batch size the reporting use case would refuse, before anything is opened or read. */
    public static int requireBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > ReportEventsUseCase.MAX_BATCH) {
            throw new IllegalArgumentException("the batch size is between 1 and " + ReportEventsUseCase.MAX_BATCH
                    + ", was " + batchSize);
        }
        return batchSize;
    }

    /** Queues one event of {@code institution}; reports a batch when one is full. */
    public void add(String institution, EventReport report) {
        read++;
        List<EventReport> batch = pending.computeIfAbsent(institution, k -> new ArrayList<>());
        batch.add(report);
        pendingCount++;
        if (batch.size() >= batchSize) {
            flush(institution);
        } else if (pendingCount >= batchSize * 4) {
            flushAll();
        }
    }

    /** Reports everything still queued. */
    public Summary finish() {
        flushAll();
        return summary();
    }

    public Summary summary() {
        return new Summary(read, accepted, duplicates, List.copyOf(rejected));
    }

    /** Events of the batches reported so far that were new; for progress, cheaper than {@link #summary()}. */
    public long accepted() {
        return accepted;
    }

    /** Events of the batches reported so far that were already in the journal. */
    public long duplicates() {
        return duplicates;
    }

    /** Events of the batches reported so far that were rejected. */
    public long rejectedCount() {
        return rejected.size();
    }

    private void flushAll() {
        for (String institution : List.copyOf(pending.keySet())) {
            flush(institution);
        }
    }

    private void flush(String institution) {
        List<EventReport> batch = pending.remove(institution);
        if (batch == null || batch.isEmpty()) {
            return;
        }
        pendingCount -= batch.size();
        ReportEventsUseCase.ReportOutcome outcome = events.report(new InstitutionId(institution), batch);
        accepted += outcome.accepted();
        duplicates += outcome.duplicates();
        rejected.addAll(outcome.rejected());
    }

    /** The tally of an import; rejections carry line numbers. */
    public record Summary(long read, long accepted, long duplicates, List<Rejection> rejected) {

        public String describe(int maxListed) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("%,d read, %,d accepted, %,d duplicates, %,d rejected%n", read, accepted, duplicates, rejected.size()));
            RejectedLines.list(text, rejected, maxListed);
            return text.toString();
        }
    }
}
