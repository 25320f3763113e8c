package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.ReportEventsUseCase.Rejection;

import java.util.Comparator;
import java.util.List;

/** The rejected lines of an import as its summary lists them: by line number, the first {@code maxListed}. */
final class RejectedLines {

    private RejectedLines() {
    }

    static void list(StringBuilder text, List<Rejection> rejected, int maxListed) {
        rejected.stream().sorted(Comparator.comparingInt(Rejection::index)).limit(maxListed).forEach(r ->
                text.append(String.format("  line %d%s: %s%n", r.index(),
                        r.eventId() == null ? "" : " (" + r.eventId() + ")", r.message())));
        if (rejected.size() > maxListed) {
            text.append(String.format("  ... and %,d more rejected lines%n", rejected.size() - maxListed));
        }
    }
}
