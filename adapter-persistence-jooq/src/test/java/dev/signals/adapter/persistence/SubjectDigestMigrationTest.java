package dev.signals.adapter.persistence;

import dev.signals.application.port.out.LoadSignalRequestPort.Filter;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.subject.Md5Hash;
import dev.signals.domain.subject.PhoneHashSubject;
import dev.signals.domain.subject.PhoneNumber;
import dev.signals.domain.subject.PhoneSubject;
import dev.signals.domain.subject.SubjectKeys;
import dev.signals.domain.template.SignalTemplate;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V11 to V13 on a database that holds requests stored before them, with their rows of {@code signal_request_subject}:
 * after the migration each is found by every form of its subject, as a request stored after it is.
 */
class SubjectDigestMigrationTest {

    private static final PhoneNumber PHONE = new PhoneNumber("+639171234567");
    private static final AccountId A = new AccountId("acc-a");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void requestsStoredBeforeTheDigestsAreFoundByEveryFormOfTheirSubject(DatabaseKind kind) throws Exception {
        TestDatabases.TestDatabase testDatabase = TestDatabases.create(kind);
        DatabaseSettings settings = testDatabase.settings();
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (kind == DatabaseKind.POSTGRES) {
            locations.add("classpath:db/postgresql");
        }
        var flyway = Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations(locations.toArray(String[]::new)).target("10");
        settings.optionalSchema().ifPresent(schema -> flyway.schemas(schema).defaultSchema(schema));
        flyway.load().migrate();
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            if (settings.optionalSchema().isPresent()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO " + settings.optionalSchema().get());
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO account (id, name, institution_id, api_key, secret_hash, created_at) "
                        + "VALUES ('acc-a', 'A', 'a', 'key-a', 'hash', TIMESTAMP WITH TIME ZONE '2024-08-09 00:00:00+00')");
            }
            storeTheOldWay(connection, "signal-00000000000000000000000000000001", SubjectKeys.phoneKey(PHONE), SubjectKeys.keysOf(PHONE));
            String hashKey = SubjectKeys.hashKey(new Md5Hash(PHONE.md5WithoutPlus()));
            storeTheOldWay(connection, "signal-00000000000000000000000000000002", hashKey, List.of(hashKey));
        }

        try (var db = StartedDatabase.start(testDatabase, new Database(settings))) {
            var requests = new JooqSignalRequestRepository(db.database());
            assertThat(ids(requests.list(A, new Filter(null, new PhoneSubject(PHONE), null, null), null, 10)))
                    .containsExactly("signal-00000000000000000000000000000002", "signal-00000000000000000000000000000001");
            assertThat(ids(requests.list(A, new Filter(null, new PhoneHashSubject(new Md5Hash(PHONE.md5WithPlus())), null, null), null, 10)))
                    .containsExactly("signal-00000000000000000000000000000001");
            assertThat(requests.load(A, dev.signals.domain.request.SignalRequestId.of("signal-00000000000000000000000000000002")))
                    .hasValueSatisfying(request -> assertThat(request.subject()).isEqualTo(new PhoneHashSubject(new Md5Hash(PHONE.md5WithoutPlus()))));
        }
    }

    /** A NO_DATA request as V10 stored it: its row, and one row of signal_request_subject per key. */
    private static void storeTheOldWay(Connection connection, String id, String lookupKey, List<String> keys) throws Exception {
        // The second request is a second newer, so that the list's order is known.
        OffsetDateTime createdAt = OffsetDateTime.of(2024, 8, 9, 0, 0, id.endsWith("2") ? 1 : 0, 0, ZoneOffset.UTC);
        try (PreparedStatement request = connection.prepareStatement("INSERT INTO signal_request (id, account_id, created_at, "
                + "status, result_code, subject_key, consent_with, consent_at, template_id, signals, amount_format, amount_bands) "
                + "VALUES (?, 'acc-a', ?, 'COMPLETED', 'NO_DATA', ?, 'I agree', ?, 'tpl-sgn003001', ?, ?, ?)")) {
            SignalTemplate template = SignalTemplate.builtIn();
            request.setString(1, id);
            request.setObject(2, createdAt);
            request.setString(3, lookupKey);
            request.setObject(4, createdAt);
            request.setString(5, TemplateColumns.signalsColumn(template.signals()));
            request.setString(6, TemplateColumns.formatColumn(template.amountFormat()));
            request.setString(7, TemplateColumns.bandsColumn(template.bands()));
            request.executeUpdate();
        }
        try (PreparedStatement subject = connection.prepareStatement(
                "INSERT INTO signal_request_subject (request_id, account_id, subject_key) VALUES (?, 'acc-a', ?)")) {
            for (String key : keys) {
                subject.setString(1, id);
                subject.setString(2, key);
                subject.executeUpdate();
            }
        }
    }

    private static List<String> ids(List<dev.signals.domain.request.SignalRequest> requests) {
        return requests.stream().map(request -> request.id().value()).toList();
    }
}
