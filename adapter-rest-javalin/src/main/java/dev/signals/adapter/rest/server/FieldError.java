package dev.signals.adapter.rest.server;

/** One invalid field of a request, named as the client spelled it, e.g. {@code consent.consentedAt}. */
public record FieldError(String field, String message) {
}
