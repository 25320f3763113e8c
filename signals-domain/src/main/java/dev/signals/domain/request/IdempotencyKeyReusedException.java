package dev.signals.domain.request;

import dev.signals.domain.DomainException;

/**
 * A signal request came with an {@code Idempotency-Key} its account had stored another request under, asking something
 * else: the key is the client's mistake (one key for two questions), and no second request is made.
 */
public final class IdempotencyKeyReusedException extends DomainException {

    private final IdempotencyKey key;

    public IdempotencyKeyReusedException(IdempotencyKey key, SignalRequestId stored) {
        super(IdempotencyKey.HEADER + " " + key.value() + " was used for signal request " + stored.value()
                + ", which asked for something else (its phone, e-mail address, country code, template, consent, asOf"
                + " or explain differ); send a new key for a new request");
        this.key = key;
    }

    public IdempotencyKey key() {
        return key;
    }
}
