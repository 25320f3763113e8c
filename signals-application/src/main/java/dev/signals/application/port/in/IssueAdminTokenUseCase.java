package dev.signals.application.port.in;

import java.util.Optional;

/**
 * At a node's start, without {@code SIGNALS_ADMIN_TOKEN}: the deployment's admin token is generated once, by the
 * first node, and kept by its hash in the database, so that it is one for every node (contract section 6).
 */
public interface IssueAdminTokenUseCase {

    /**
     * Generates and stores a token unless the deployment has one (or the token is configured).
     *
     * @return the new token, to be shown once; empty when there was one already
     */
    Optional<String> issueIfNone();

    /**
     * Keeps {@code hash}, a token's hash an older version kept in the data directory, as the deployment's token,
     * unless the database has one.
     *
     * @return whether it was kept
     */
    boolean adoptIfNone(String hash);
}
