package dev.signals.application.port.in;

/**
 * One retraction as an institution sent it (contract section 4.1), before any rule is checked, at its position in
 * the batch.
 */
public record RetractionReport(int index, String eventId, String reason) {
}
