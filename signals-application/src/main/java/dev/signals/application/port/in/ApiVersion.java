package dev.signals.application.port.in;

/** The two shapes of the same signal request (contract section 2): alpha's {@code result}, beta's {@code items}. */
public enum ApiVersion {
    ALPHA,
    BETA
}
