package dev.signals.domain.calculation;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;

/**
 * A history that answers every question with its {@link #history()}'s answer: a test view overrides only
 * what it changes (an institution's number, an amount).
 */
interface ForwardingHistory extends EventHistory {

    /** The history this one forwards to. */
    EventHistory history();

    @Override
    default int size() {
        return history().size();
    }

    @Override
    default EventType type(int i) {
        return history().type(i);
    }

    @Override
    default int institution(int i) {
        return history().institution(i);
    }

    @Override
    default long occurredAtMicros(int i) {
        return history().occurredAtMicros(i);
    }

    @Override
    default long reportedAtMicros(int i) {
        return history().reportedAtMicros(i);
    }

    @Override
    default boolean hasAmount(int i) {
        return history().hasAmount(i);
    }

    @Override
    default long amountCents(int i) {
        return history().amountCents(i);
    }

    @Override
    default boolean hasOverdueDays(int i) {
        return history().hasOverdueDays(i);
    }

    @Override
    default int overdueDays(int i) {
        return history().overdueDays(i);
    }

    @Override
    default boolean autoRepayment(int i) {
        return history().autoRepayment(i);
    }

    @Override
    default boolean hasAutoRepayment(int i) {
        return history().hasAutoRepayment(i);
    }

    @Override
    default long retractedAtMicros(int i) {
        return history().retractedAtMicros(i);
    }

    @Override
    default InstitutionId institutionId(int i) {
        return history().institutionId(i);
    }

    @Override
    default String eventId(int i) {
        return history().eventId(i);
    }
}
