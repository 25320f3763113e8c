package dev.signals.adapter.persistence;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.request.Idempotency;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.template.SignalTemplate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static dev.signals.adapter.persistence.TestAccounts.A;
import static dev.signals.adapter.persistence.TestAccounts.B;
import static dev.signals.adapter.persistence.jooq.Tables.SIGNAL_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account stores at most one signal request under an idempotency key (issue 19): the store answers a request whose
 * key is taken with the request that holds it, also when the two are committed in one batch or race each other.
 */
class SignalRequestIdempotencyTest {

    private static final Instant T = Instant.parse("2024-08-09T12:55:51.123456Z");
    private static final RequestMeta META = new RequestMeta("+639171234567", null, null, null, new Consent(null, null,
            "I agree to ABC Company's Terms & Conditions", Instant.parse("2024-08-08T16:06:00Z"), null));

    private static SignalRequest finished(AccountId account, String key) {
        SignalRequest created = SignalRequest.create(SignalRequestId.fromUuid(UUID.randomUUID()), account, T, null,
                new PhoneSubject(new PhoneNumber(META.phone())), META, SignalTemplate.builtIn());
        if (key != null) {
            created = created.withIdempotency(Idempotency.of(new IdempotencyKey(key), META, null, false));
        }
        return created.complete(CalculationResult.of(false, List.of()));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRequestWhoseKeyTheAccountHoldsIsNotStoredAndTheHolderIsAnswered(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            SignalRequest first = finished(A, "key-1");
            SignalRequest repeat = finished(A, "key-1");

            assertThat(requests.insert(first)).isEqualTo(first);
            assertThat(requests.insert(repeat)).as("the holder of the key, as stored").isEqualTo(first);

            assertThat(requests.load(A, first.id())).contains(first);
            assertThat(requests.load(A, repeat.id())).isEmpty();
            assertThat(db.dsl().fetchCount(SIGNAL_REQUEST)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void keysAreEachAccountsOwnAndRequestsWithoutAKeyNeverCollide(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            List<SignalRequest> all = List.of(finished(A, "key-1"), finished(B, "key-1"), finished(A, "key-2"),
                    finished(A, null), finished(A, null), finished(B, null));

            for (SignalRequest request : all) {
                assertThat(requests.insert(request)).isEqualTo(request);
            }

            assertThat(db.dsl().fetchCount(SIGNAL_REQUEST)).isEqualTo(all.size());
        }
    }

    /**
     * Many callers at once, as the group commit batches them: 24 attempts of one key (a balancer's resends, a client's
     * retries) beside 24 requests without a key. The key's attempts are answered with one stored request; the others,
     * some of them in a batch that the key's conflict failed, are all stored.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void attemptsOfOneKeyAtOnceStoreOneAndEveryAttemptIsAnsweredWithIt(DatabaseKind kind) throws Exception {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var requests = new JooqSignalRequestRepository(db.database());
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<SignalRequest>> keyed = new ArrayList<>();
                List<Future<SignalRequest>> plain = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    SignalRequest attempt = finished(A, "resent");
                    SignalRequest other = finished(A, null);
                    keyed.add(callers.submit(() -> {
                        start.await();
                        return requests.startInsert(attempt).awaitCommitted();
                    }));
                    plain.add(callers.submit(() -> {
                        start.await();
                        return requests.startInsert(other).awaitCommitted();
                    }));
                }
                start.countDown();

                Set<SignalRequestId> answered = new java.util.HashSet<>();
                for (Future<SignalRequest> attempt : keyed) {
                    answered.add(attempt.get().id());
                }
                assertThat(answered).as("every attempt answered with one request").hasSize(1);
                Set<SignalRequestId> others = new java.util.HashSet<>();
                for (Future<SignalRequest> other : plain) {
                    others.add(other.get().id());
                }
                assertThat(others).hasSize(24);

                Set<String> stored = db.dsl().select(SIGNAL_REQUEST.ID).from(SIGNAL_REQUEST).fetchSet(SIGNAL_REQUEST.ID);
                assertThat(stored).hasSize(25)
                        .containsAll(others.stream().map(SignalRequestId::value).collect(Collectors.toSet()))
                        .contains(answered.iterator().next().value());
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
