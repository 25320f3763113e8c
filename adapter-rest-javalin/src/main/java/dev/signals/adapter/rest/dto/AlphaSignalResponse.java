package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.request.SignalRequest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alpha Signal object, Smile's {@code Signal}: {@code result} has one key per value in catalogue order, each
 * a JSON integer or null, and is itself null when the request has no values (NO_DATA, ERROR). {@code asOf}, this
 * service's extension, is there only when the request sent it; so are an explained request's evidence and
 * explanation (contract section 2.5).
 */
@JsonPropertyOrder({"id", "createdAt", "asOf", "status", "resultCode", "resultMessage", "requestMeta", "result", "evidence", "explanation", "evidenceTruncated"})
record AlphaSignalResponse(
        String id,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
        String status,
        String resultCode,
        String resultMessage,
        RequestMetaResponse requestMeta,
        Map<String, Long> result,
        @JsonUnwrapped ExplainedResponse explained) implements SignalResponse {

    static AlphaSignalResponse of(SignalRequest request) {
        Map<String, Long> result = null;
        if (!request.values().isEmpty()) {
            result = new LinkedHashMap<>();
            for (SignalValue value : request.values()) {
                result.put(value.signal().name(), value.value());
            }
        }
        return new AlphaSignalResponse(request.id().value(), request.createdAt(), request.requestedAsOf().orElse(null),
                request.status().name(), request.resultCode().name(), request.resultMessage(),
                RequestMetaResponse.asSent(request.requestMeta()), result, ExplainedResponse.of(request));
    }
}
