package dev.signals.domain.catalogue;

/**
 * Whether a signal is in every account's default selection (the seed table's ✅) or only
 * available on request (🟨) (CONTRACT §3.1).
 */
public enum Availability {
    DEFAULT,
    AVAILABLE
}
