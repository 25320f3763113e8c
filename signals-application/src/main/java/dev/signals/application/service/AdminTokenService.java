package dev.signals.application.service;

import dev.signals.application.port.in.AuthenticateAdminQuery;
import dev.signals.application.port.in.IssueAdminTokenUseCase;
import dev.signals.application.port.out.AdminTokenPort;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The admin token, known only by its hash (contract section 6): the configured {@code SIGNALS_ADMIN_TOKEN} when
 * there is one, else the deployment's generated one, stored in the database. A node reads the stored hash again
 * when what it read is {@link #TIME_TO_LIVE} old, so that every node agrees on it within that time.
 */
public final class AdminTokenService implements AuthenticateAdminQuery, IssueAdminTokenUseCase {

    public static final Duration TIME_TO_LIVE = Duration.ofMillis(500);

    private final AdminTokenPort store;
    private final String configuredHash;
    private final LongSupplier nanoTime;
    private volatile Read lastRead;

    /**
     * @param configuredToken {@code SIGNALS_ADMIN_TOKEN}, or null to use the deployment's stored token
     * @param nanoTime        the clock the stored hash ages by
     */
    public AdminTokenService(AdminTokenPort store, String configuredToken, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.configuredHash = configuredToken == null ? null : Secrets.hash(configuredToken);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public boolean isAdminToken(String token) {
        if (token == null) {
            return false;
        }
        Optional<String> hash = configuredHash != null ? Optional.of(configuredHash) : storedHash();
        return hash.isPresent() && Secrets.matches(token, hash.get());
    }

    private Optional<String> storedHash() {
        long now = nanoTime.getAsLong();
        Read read = lastRead;
        if (read == null || now - read.at() >= TIME_TO_LIVE.toNanos()) {
            read = new Read(store.storedHash(), now);
            lastRead = read;
        }
        return read.hash();
    }

    @Override
    public Optional<String> issueIfNone() {
        if (configuredHash != null || store.storedHash().isPresent()) {
            return Optional.empty();
        }
        String token = Secrets.newSecret();
        if (!store.storeIfNone(Secrets.hash(token))) {
            return Optional.empty();   // another node stored one first
        }
        lastRead = null;
        return Optional.of(token);
    }

    @Override
    public boolean adoptIfNone(String hash) {
        boolean adopted = configuredHash == null && store.storeIfNone(hash);
        lastRead = null;
        return adopted;
    }

    private record Read(Optional<String> hash, long at) {
    }
}
