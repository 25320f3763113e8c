package dev.signals.adapter.rest;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.signals.domain.request.SignalRequest;

import java.time.Instant;
import java.util.List;

/** The beta Signal object: {@code items} as the request's template formats them, {@code []} without values. */
@JsonPropertyOrder({"id", "createdAt", "asOf", "status", "resultCode", "resultMessage", "requestMeta", "items"})
record BetaSignalResponse(
        String id,
        Instant createdAt,
        Instant asOf,
        String status,
        String resultCode,
        String resultMessage,
        RequestMetaResponse requestMeta,
        List<ResultItemResponse> items) implements SignalResponse {

    static BetaSignalResponse of(SignalRequest request) {
        return new BetaSignalResponse(request.id().value(), request.createdAt(), request.asOf(), request.status().name(),
                SignalResponse.resultCodeOf(request), request.resultMessage(), RequestMetaResponse.of(request.requestMeta()),
                request.items().stream().map(ResultItemResponse::of).toList());
    }
}
