package dev.signals.adapter.persistence;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.signals.adapter.persistence.jooq.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void startMigratesTheSchemaAndTheGeneratedCodeMatchesIt(DatabaseKind kind) {
        try (var testDatabase = TestDatabases.create(kind); var database = new Database(testDatabase.settings())) {
            database.start();

            assertThat(database.dsl().fetchCount(ACCOUNT)).isZero();
            // Flyway names its own table in lower case, quoted, on both databases.
            assertThat(database.dsl().fetchCount(DSL.table(DSL.quotedName("flyway_schema_history")))).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void startingAgainOnAMigratedDatabaseAppliesNothingAndKeepsTheData(DatabaseKind kind) {
        try (var testDatabase = TestDatabases.create(kind)) {
            try (var first = new Database(testDatabase.settings())) {
                first.start();
                first.dsl().insertInto(ACCOUNT)
                        .set(ACCOUNT.ID, "acc-1").set(ACCOUNT.NAME, "Lender One").set(ACCOUNT.INSTITUTION_ID, "inst-1")
                        .set(ACCOUNT.API_KEY, "key-1").set(ACCOUNT.SECRET_HASH, "hash")
                        .set(ACCOUNT.CREATED_AT, java.time.OffsetDateTime.parse("2024-08-09T12:55:51Z"))
                        .execute();
            }
            try (var second = new Database(testDatabase.settings())) {
                second.start();
                assertThat(second.dsl().fetchCount(ACCOUNT)).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void healthAnswersWhileStartedAndNotAfterClose(DatabaseKind kind) {
        try (var testDatabase = TestDatabases.create(kind)) {
            var database = new Database(testDatabase.settings());
            var health = new JooqDatabaseHealth(database);
            database.start();
            assertThat(health.answers()).isTrue();
            assertThat(health.kind()).isEqualTo(kind.name());

            database.close();
            assertThat(health.answers()).isFalse();
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsAtStartWithTheDriversReason() {
        var unreachable = DatabaseSettings.of("jdbc:postgresql://127.0.0.1:1/none", "nobody", null);
        try (var database = new Database(unreachable)) {
            assertThatThrownBy(database::start).hasMessageContaining("127.0.0.1:1");
        }
    }

    @Test
    void onlyH2AndPostgresUrlsAreAccepted() {
        assertThat(DatabaseKind.of("jdbc:h2:mem:x")).isEqualTo(DatabaseKind.H2);
        assertThat(DatabaseKind.of("JDBC:POSTGRESQL://db/signals")).isEqualTo(DatabaseKind.POSTGRES);
        assertThatThrownBy(() -> DatabaseSettings.of("jdbc:mysql://db/signals", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SIGNALS_DB_URL must be a jdbc:h2: or a jdbc:postgresql: URL, was 'jdbc:mysql://db/signals'");
    }

    @Test
    void theRedactedUrlHidesTheQueryStringWhereCredentialsMayBe() {
        var settings = DatabaseSettings.of("jdbc:postgresql://db:5432/signals?user=app&password=secret", null, null);
        assertThat(settings.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/signals?…").doesNotContain("secret");
    }

    @Test
    void anH2DatabaseWritesEveryCommitAtOnceWhateverItsUrlSays() {
        try (var testDatabase = TestDatabases.h2(); var database = new Database(testDatabase.settings())) {
            database.start();

            // H2 lists the setting twice; each must say 0 (its default is 500 ms).
            assertThat(database.dsl().fetch("select distinct setting_value from information_schema.settings"
                    + " where setting_name = 'WRITE_DELAY'").getValues(0, String.class)).containsExactly("0");
        }
    }
}
