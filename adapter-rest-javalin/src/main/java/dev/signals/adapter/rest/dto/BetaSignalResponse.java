package dev.signals.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.signals.domain.request.SignalRequest;

import java.time.Instant;
import java.util.List;

/**
 * The beta Signal object, Smile's {@code BetaSignal}: {@code signalType}, {@code items} as the request's template
 * formats them ({@code []} without values), and a {@code requestMeta} whose {@code templateId} is the template the
 * request was answered with. {@code asOf}, this service's extension, is there only when the request sent it; so
 * are an explained request's evidence and explanation (contract section 2.5).
 */
@JsonPropertyOrder({"id", "createdAt", "asOf", "status", "resultCode", "resultMessage", "signalType", "requestMeta", "items", "evidence", "explanation", "evidenceTruncated"})
record BetaSignalResponse(
        String id,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant asOf,
        String status,
        String resultCode,
        String resultMessage,
        String signalType,
        RequestMetaResponse requestMeta,
        List<ResultItemResponse> items,
        @JsonUnwrapped ExplainedResponse explained) implements SignalResponse {

    static BetaSignalResponse of(SignalRequest request) {
        return new BetaSignalResponse(request.id().value(), request.createdAt(), request.requestedAsOf().orElse(null),
                request.status().name(), request.resultCode().name(), request.resultMessage(),
                request.signalType().wireName(),
                RequestMetaResponse.answeredWith(request.requestMeta(), request.template().id()),
                request.items().stream().map(ResultItemResponse::of).toList(), ExplainedResponse.of(request));
    }
}
