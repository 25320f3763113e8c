package dev.signals.adapter.rest.dto;

import dev.signals.application.port.in.ApiVersion;
import dev.signals.domain.request.SignalRequest;

/**
 * The Signal object (contract section 2.3) in the shape of the API version it is read through: alpha's
 * {@code result} or beta's {@code items}. A request created through one version reads through the other.
 */
public sealed interface SignalResponse permits AlphaSignalResponse, BetaSignalResponse {

    static SignalResponse of(ApiVersion version, SignalRequest request) {
        return switch (version) {
            case ALPHA -> AlphaSignalResponse.of(request);
            case BETA -> BetaSignalResponse.of(request);
        };
    }
}
