package dev.signals.domain.calculation;

/**
 * A history that gives the ids of balances with an amount only, the least the port asks for
 * ({@link EventHistory#eventId}), as the in-memory index does.
 */
record BalanceIdsOnly(EventHistory history) implements ForwardingHistory {

    @Override
    public String eventId(int i) {
        if (!type(i).carriesBalance() || !hasAmount(i)) {
            throw new UnsupportedOperationException("no id kept for event " + i);
        }
        return history.eventId(i);
    }
}
