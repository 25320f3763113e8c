package dev.signals.application.port.in;

import java.util.function.Function;

import dev.signals.domain.request.SignalRequest;

/** Create a signal request and compute it (contract section 2). */
public interface RequestSignalsUseCase {

    /**
     * @return the stored request, normally finished: the new one, or for a repeat of an {@code Idempotency-Key} the one
     *         stored under it before
     * @throws dev.signals.application.port.InvalidCommandException for a bad command
     * @throws dev.signals.domain.DomainException for a value the domain refuses (an impossible phone), or a key used
     *         before for another question ({@link dev.signals.domain.request.IdempotencyKeyReusedException})
     */
    default SignalRequest request(RequestSignalsCommand command) {
        return request(command, Created::request);
    }

    /**
     * Creates, computes and stores a request as {@link #request(RequestSignalsCommand)} does, and returns {@code answer}
     * of it: the answer may be made while the request is being committed, and is returned only once the request is
     * durable, never before. The answer is made in the calling thread. For a repeat of an {@code Idempotency-Key}, which
     * the store tells only once it is done, the answer made of the new request is dropped and one is made again of the
     * stored request ({@link Created#repeat()}).
     */
    <A> A request(RequestSignalsCommand command, Function<Created, A> answer);

    /**
     * A create call's request: made by this call, or, when the call repeated an {@code Idempotency-Key} the account had
     * stored a request under, that request ({@code repeat}), answered again.
     */
    record Created(SignalRequest request, boolean repeat) {
    }
}
