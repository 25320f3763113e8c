/**
 * JSON: the one mapper of the service, for what it reads and writes; request bodies read into records or refused
 * with the field at fault; and events read one at a time from a JSON batch or the lines of an NDJSON stream
 * (also by the import tool).
 */
package dev.signals.adapter.rest.json;
