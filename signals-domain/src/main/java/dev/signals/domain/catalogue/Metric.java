package dev.signals.domain.catalogue;

/** What a signal measures over the events of its type (CONTRACT §3.1, §3.2). */
public enum Metric {
    /** The number of events in the window. */
    COUNT,
    /** The number of distinct institutions among the events in the window. */
    INSTITUTION_COUNT,
    /** The sum of amounts (flows) or of the latest balance per institution (overdue, debt). */
    AMOUNT,
    /** The largest overdueDays of the overdue events in the window. */
    OVERDUE_DAYS,
    /** The largest overdueDays of the overdue events with autoRepayment in the window. */
    OVERDUE_AUTOREPAYMENT_DAYS,
    /** Whole days since the latest known event of the type, at any distance. */
    DAYS_SINCE_LAST;

    /** Whether signals of this metric have a window (all but {@link #DAYS_SINCE_LAST}). */
    public boolean windowed() {
        return this != DAYS_SINCE_LAST;
    }
}
