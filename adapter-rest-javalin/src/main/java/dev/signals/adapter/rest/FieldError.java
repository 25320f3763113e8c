package dev.signals.adapter.rest;

/** One invalid field of a request, named as the client spelled it, e.g. {@code consent.consentedAt}. */
record FieldError(String field, String message) {
}
