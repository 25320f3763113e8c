package dev.signals.adapter.rest;

/** Every response body, success or error (contract section 1). */
record Envelope(String code, String message, String requestId, Object data) {
}
