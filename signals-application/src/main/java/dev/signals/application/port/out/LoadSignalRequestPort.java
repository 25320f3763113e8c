package dev.signals.application.port.out;

import dev.signals.application.port.PageCursor;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.Subject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads signal requests, always within one account. */
public interface LoadSignalRequestPort {

    Optional<SignalRequest> load(AccountId accountId, SignalRequestId id);

    /**
     * At most {@code limit} requests of the account matching the filter, newest first (createdAt, then
     * id, both descending), strictly after {@code after} when it is given.
     */
    List<SignalRequest> list(AccountId accountId, Filter filter, PageCursor after, int limit);

    /**
     * What a list is narrowed to; null fields do not narrow.
     *
     * @param subject     a request matches when its subject {@link Subject#sharesAKeyWith shares a key} with this one
     *                    (any accepted form of one phone number does with the others)
     * @param from        inclusive lower bound on createdAt
     * @param until       exclusive upper bound on createdAt
     */
    record Filter(SignalRequestId id, Subject subject, Instant from, Instant until) {

        public static final Filter NONE = new Filter(null, null, null, null);
    }
}
