package dev.signals.adapter.rest;

/** The answer to a delete: the id of what is gone. */
record DeletedResponse(String id) {
}
