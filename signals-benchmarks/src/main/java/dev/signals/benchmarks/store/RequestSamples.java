package dev.signals.benchmarks.store;

import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.CalculationResult;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Metric;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalCatalogue;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.template.SignalTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finished signal requests as the service stores them after {@code POST /v1/alpha/signals} on the demo data set: one of
 * 20 accounts, a phone among {@code subjects}, the 35 default signals with small values (a quarter of the amounts and days null), a consent.
 */
public final class RequestSamples {

    static final int ACCOUNTS = 20;

    private final int subjects;
    private final SignalTemplate template = SignalTemplate.ofSelection(SignalSelection.of(SignalCatalogue.standard().defaults()));

    public RequestSamples(int subjects) {
        this.subjects = subjects;
    }

    static String accountId(int n) {
        return "acc-benchmark-" + n;
    }

    /** A new finished request, created now. */
    SignalRequest next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return next(new AccountId(accountId(random.nextInt(ACCOUNTS))), String.format("+63917%07d", random.nextInt(subjects)));
    }

    /** A new finished request of {@code account} about {@code phone}, created now. */
    public SignalRequest next(AccountId account, String phone) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Consent consent = new Consent(null, null, "I agree to share my loan history with this lender for this application",
                now.minusSeconds(60), null);
        SignalRequest created = SignalRequest.create(SignalRequestId.timeOrdered(now, random),
                account, now, null, new PhoneSubject(new PhoneNumber(phone)),
                new RequestMeta(phone, null, null, null, consent), template);
        List<SignalValue> values = new ArrayList<>();
        for (Signal signal : template.signals().signals()) {
            boolean count = signal.metric() == Metric.COUNT || signal.metric() == Metric.INSTITUTION_COUNT;
            values.add(new SignalValue(signal, !count && random.nextInt(4) == 0 ? null : (long) random.nextInt(1_000)));
        }
        return created.complete(CalculationResult.of(true, values));
    }

    /** The accounts the requests name, which the request table's foreign key needs. */
    static void createAccounts(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO account (id, name, institution_id, api_key, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int n = 0; n < ACCOUNTS; n++) {
                insert.setString(1, accountId(n));
                insert.setString(2, "lender " + n);
                insert.setString(3, "lender-" + n);
                insert.setString(4, "key-" + n);
                insert.setString(5, "not-a-hash");
                insert.setObject(6, OffsetDateTime.now(ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
