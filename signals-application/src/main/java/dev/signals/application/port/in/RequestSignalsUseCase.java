package dev.signals.application.port.in;

import java.util.function.Function;

import dev.signals.domain.request.SignalRequest;

/** Create a signal request and compute it (contract section 2). */
public interface RequestSignalsUseCase {

    /**
     * @return the stored request, normally finished
     * @throws dev.signals.application.port.InvalidCommandException for a bad command
     * @throws dev.signals.domain.DomainException for a value the domain refuses (an impossible phone)
     */
    SignalRequest request(RequestSignalsCommand command);

    /**
     * Creates, computes and stores a request as {@link #request(RequestSignalsCommand)} does, and returns {@code answer}
     * of it: the answer may be made while the request is being committed, and is returned only once the request is
     * durable, never before. The answer is made in the calling thread.
     */
    default <A> A request(RequestSignalsCommand command, Function<SignalRequest, A> answer) {
        return answer.apply(request(command));
    }
}
