package dev.signals.application.port.in;

import dev.signals.domain.request.SignalRequest;

/** Create a signal request and compute it (contract section 2). */
public interface RequestSignalsUseCase {

    /**
     * @return the stored request, normally finished
     * @throws dev.signals.application.port.InvalidCommandException for a bad command
     * @throws dev.signals.domain.DomainException for a value the domain refuses (an impossible phone)
     */
    SignalRequest request(RequestSignalsCommand command);
}
