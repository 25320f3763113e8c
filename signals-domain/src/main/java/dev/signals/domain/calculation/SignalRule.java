package dev.signals.domain.calculation;

import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.catalogue.Signal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * CONTRACT §3.2, "What each value means", sentence by sentence, for one subject's events at T: which
 * events count for a signal, which of them make its value, and the value. Written to be read rather
 * than to be fast (every value looks at the known events of its type again, with instants and decimal
 * sums; which events are known is decided once): {@link SignalCalculator} computes the same values in
 * one pass, and the tests hold the two to the same answers on random histories.
 *
 * <p>Events are named by their index in the history.
 */
final class SignalRule {

    private final EventHistory history;
    private final Instant asOf;
    /** The events known at T, by type, in the history's order. */
    private final Map<EventType, List<Integer>> knownByType;

    SignalRule(EventHistory history, Instant asOf) {
        this.history = history;
        this.asOf = asOf;
        this.knownByType = IntStream.range(0, history.size()).filter(this::isKnown).boxed()
                .collect(Collectors.groupingBy(history::type, () -> new EnumMap<>(EventType.class), Collectors.toList()));
    }

    /**
     * "An event is known at T when occurredAt <= T, reportedAt <= T, and it was not retracted at or
     * before T".
     */
    boolean isKnown(int event) {
        return !occurredAt(event).isAfter(asOf) && !reportedAt(event).isAfter(asOf)
                && (history.retractedAtMicros(event) == EventHistory.NOT_RETRACTED
                || Micros.toInstant(history.retractedAtMicros(event)).isAfter(asOf));
    }

    /** Whether any event is known at T: the request has data (CONTRACT §2.2). */
    boolean hasData() {
        return !knownByType.isEmpty();
    }

    /**
     * "Only known events of the signal's event type and of the request's subject count" (the history is
     * the subject's), and for a windowed signal, those in its window: {@code T - N*24h < occurredAt <= T}.
     * Days since last look at every known event of the type, "at any distance in the past".
     */
    List<Integer> countedEvents(Signal signal) {
        Instant windowStart = signal.window().map(window -> asOf.minus(window.length())).orElse(Instant.MIN);
        // occurredAt > windowStart, in microseconds: occurredAt has none finer, so the floor of windowStart compares alike
        long windowStartMicros = windowStart.equals(Instant.MIN) ? Long.MIN_VALUE : Micros.of(windowStart);
        return knownByType.getOrDefault(signal.eventType(), List.of()).stream()
                .filter(event -> history.occurredAtMicros(event) > windowStartMicros)
                .toList();
    }

    /**
     * Those of the counted events that make the value: all of them for counts and institution counts;
     * for a flow's amount those that carry one; for a balance's amount the latest of each institution
     * among those; for overdue days those that have them (with autoRepayment for the autorepayment
     * days); for days since last the latest, or the latest ones when several occurred at that instant.
     */
    List<Integer> eventsOfValue(Signal signal) {
        List<Integer> counted = countedEvents(signal);
        return switch (signal.metric()) {
            case COUNT, INSTITUTION_COUNT -> counted;
            case AMOUNT -> signal.eventType().carriesBalance() ? latestOfEachInstitution(withAmount(counted))
                    : withAmount(counted);
            case OVERDUE_DAYS -> withOverdueDays(counted);
            case OVERDUE_AUTOREPAYMENT_DAYS -> withOverdueDays(counted).stream().filter(history::autoRepayment).toList();
            case DAYS_SINCE_LAST -> occurredLast(counted);
        };
    }

    /**
     * The events that produced the value as an explanation names them (CONTRACT §2.5), from
     * {@link #eventsOfValue}: the same, except that overdue days (and autorepayment days) name only the
     * events whose overdue days equal the value, and days since last only the latest known event of the
     * type, "latest by occurredAt, then reportedAt, then eventId" (then institution). Reads the ids of the
     * events that occurred last at the same instants.
     */
    List<Integer> eventsExplaining(Signal signal) {
        List<Integer> events = eventsOfValue(signal);
        return switch (signal.metric()) {
            case COUNT, INSTITUTION_COUNT, AMOUNT -> events;
            case OVERDUE_DAYS, OVERDUE_AUTOREPAYMENT_DAYS -> {
                Long value = valueOf(signal);
                yield events.stream().filter(event -> value != null && history.overdueDays(event) == value).toList();
            }
            case DAYS_SINCE_LAST -> {
                Comparator<Integer> byReported = Comparator.comparing(this::reportedAt);
                yield events.stream().max(byReported
                                .thenComparing(history::eventId, CodePointOrder.IDS)
                                .thenComparing(event -> history.institutionId(event).value(), CodePointOrder.IDS))
                        .map(List::of).orElse(List.of());
            }
        };
    }

    /**
     * The signal's value, null where the contract says so.
     *
     * @throws ArithmeticException when an amount does not fit in a long
     */
    Long valueOf(Signal signal) {
        List<Integer> events = eventsOfValue(signal);
        return switch (signal.metric()) {
            case COUNT -> (long) events.size();
            case INSTITUTION_COUNT -> events.stream().map(history::institution).distinct().count();
            case AMOUNT -> events.isEmpty() ? null : roundedHalfUp(sumOfAmounts(events));
            case OVERDUE_DAYS, OVERDUE_AUTOREPAYMENT_DAYS -> events.stream()
                    .map(event -> (long) history.overdueDays(event)).max(Comparator.naturalOrder()).orElse(null);
            case DAYS_SINCE_LAST -> events.isEmpty() ? null
                    : Duration.between(occurredAt(events.get(0)), asOf).toDays();
        };
    }

    private List<Integer> withAmount(List<Integer> events) {
        return events.stream().filter(history::hasAmount).toList();
    }

    private List<Integer> withOverdueDays(List<Integer> events) {
        return events.stream()
                .filter(event -> history.type(event) == EventType.OVERDUE && history.hasOverdueDays(event))
                .toList();
    }

    /** "For each institution, ... its latest such event": one per institution. */
    private List<Integer> latestOfEachInstitution(List<Integer> events) {
        Map<Integer, List<Integer>> byInstitution = events.stream().collect(Collectors.groupingBy(history::institution));
        return byInstitution.values().stream().map(this::latest).flatMap(Optional::stream).sorted().toList();
    }

    /**
     * "Latest by occurredAt, then reportedAt, then eventId", event ids by their Unicode code points (only
     * read between events at the same instants).
     */
    private Optional<Integer> latest(Collection<Integer> events) {
        Comparator<Integer> byTime = Comparator.comparing(this::occurredAt);
        return events.stream().max(byTime.thenComparing(this::reportedAt)
                .thenComparing(history::eventId, CodePointOrder.IDS));
    }

    /**
     * The events that occurred last: the value of days since last is theirs whichever is latest, and a
     * history need not give the ids of events other than balances to say which.
     */
    private List<Integer> occurredLast(List<Integer> events) {
        return events.stream().map(this::occurredAt).max(Comparator.naturalOrder())
                .map(last -> events.stream().filter(event -> occurredAt(event).equals(last)).toList())
                .orElse(List.of());
    }

    private BigDecimal sumOfAmounts(List<Integer> events) {
        return events.stream().map(event -> BigDecimal.valueOf(history.amountCents(event), 2))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** "Amounts are rounded half-up to a whole number at the end." */
    private static long roundedHalfUp(BigDecimal amount) {
        return amount.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private Instant occurredAt(int event) {
        return Micros.toInstant(history.occurredAtMicros(event));
    }

    private Instant reportedAt(int event) {
        return Micros.toInstant(history.reportedAtMicros(event));
    }
}
