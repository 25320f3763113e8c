package dev.signals.adapter.rest.server;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every response body, success or error (contract section 1). {@code data} is left out only where there is
 * nothing to return (a deleted consent template): Smile's {@code CommonResponse}.
 */
record Envelope(String code, String message, String requestId, @JsonInclude(JsonInclude.Include.NON_NULL) Object data) {
}
