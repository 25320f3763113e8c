package dev.signals.application.port.in;

/**
 * One retraction as an institution sent it (contract section 4.1), before any rule is checked, at its position in
 * the batch. {@code unreadable} says why the transport could not read the element (a wrong JSON type, a line that
 * is not JSON); such a retraction is rejected with that message.
 */
public record RetractionReport(int index, String eventId, String reason, String unreadable) {

    public RetractionReport(int index, String eventId, String reason) {
        this(index, eventId, reason, null);
    }

    /** An element the transport could not read; {@code eventId} when it could still be made out. */
    public static RetractionReport unreadable(int index, String eventId, String problem) {
        return new RetractionReport(index, eventId, null, problem);
    }
}
