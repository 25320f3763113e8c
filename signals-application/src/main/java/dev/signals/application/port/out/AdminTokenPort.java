package dev.signals.application.port.out;

import java.util.Optional;

/** The deployment's generated admin token, kept by its hash where every node finds it (contract section 6). */
public interface AdminTokenPort {

    /** The hash of the stored token; empty until one is stored. */
    Optional<String> storedHash();

    /**
     * Stores {@code hash} unless a token is stored already; of several nodes starting at once, one stores.
     *
     * @return whether this call stored it
     */
    boolean storeIfNone(String hash);
}
