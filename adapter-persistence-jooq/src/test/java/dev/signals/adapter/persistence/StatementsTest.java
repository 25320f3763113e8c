package dev.signals.adapter.persistence;

import dev.signals.application.port.StorageUnavailableException;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;

import static dev.signals.adapter.persistence.jooq.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementsTest {

    @Test
    void aLostConnectionMeansTheStorageIsUnavailable() {
        var lost = new DataAccessException("SQL [select 1]; An I/O error occurred while sending to the backend.",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(Statements.translated(lost))
                .isInstanceOf(StorageUnavailableException.class)
                .hasCause(lost);
    }

    @Test
    void noConnectionFromThePoolInTimeMeansTheStorageIsUnavailable() {
        var timedOut = new DataAccessException("Error getting connection from data source",
                new SQLTransientConnectionException("signals-db - Connection is not available, request timed out after 250ms."));

        assertThat(Statements.translated(timedOut)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void anyOtherFailurePropagatesUnchanged() {
        var duplicate = new DataAccessException("duplicate key value violates unique constraint",
                new SQLException("duplicate key value violates unique constraint \"pk_account\"", "23505"));
        var badStatement = new DataAccessException("syntax error", new SQLException("syntax error", "42601"));

        assertThat(Statements.translated(duplicate)).isSameAs(duplicate);
        assertThat(Statements.translated(badStatement)).isSameAs(badStatement);
    }

    @Test
    void onlySqlState23505IsAUniqueViolation() {
        var duplicate = new DataAccessException("duplicate key value violates unique constraint",
                new SQLException("duplicate key value violates unique constraint \"uq_event_institution_event_id\"", "23505"));
        var notNull = new DataAccessException("null value in column", new SQLException("null value in column", "23502"));

        assertThat(Statements.isUniqueViolation(duplicate)).isTrue();
        assertThat(Statements.isUniqueViolation(notNull)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPoolWithoutAFreeConnectionReportsTheStorageUnavailable(DatabaseKind kind) {
        var testDatabase = TestDatabases.create(kind);
        // Two connections (Flyway needs two to migrate), both held below, and a short wait for a third.
        var twoConnections = new DatabaseSettings(testDatabase.settings().url(), testDatabase.settings().user(),
                testDatabase.settings().password(), testDatabase.settings().schema(), 2, Duration.ofMillis(250),
                DatabaseSettings.DEFAULT_STATEMENT_TIMEOUT);
        try (var started = StartedDatabase.start(testDatabase, new Database(twoConnections))) {
            var statements = new Statements(started.database());

            started.dsl().connection(first -> started.dsl().connection(second ->
                    assertThatThrownBy(() -> statements.run(dsl -> dsl.fetchCount(ACCOUNT)))
                            .isInstanceOf(StorageUnavailableException.class)
                            .hasRootCauseInstanceOf(SQLTransientConnectionException.class)));

            int accountsOnceAConnectionIsFree = statements.run(dsl -> dsl.fetchCount(ACCOUNT));
            assertThat(accountsOnceAConnectionIsFree).isZero();
        }
    }

    /** PostgreSQL only: H2 has no way to end a session of an in-memory database from SQL. */
    @Test
    void aServerThatEndsTheConnectionReportsTheStorageUnavailableAndTheNextStatementGetsANewConnection() {
        try (var started = StartedDatabase.start(DatabaseKind.POSTGRES)) {
            var statements = new Statements(started.database());

            // The server ends this very session, as on shutdown: SQLSTATE 57P01, "terminating connection due
            // to administrator command".
            assertThatThrownBy(() -> statements.run(dsl -> dsl.fetchValue("select pg_terminate_backend(pg_backend_pid())")))
                    .isInstanceOf(StorageUnavailableException.class);

            int accounts = statements.run(dsl -> dsl.fetchCount(ACCOUNT));
            assertThat(accounts).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailedStatementInATransactionRollsBackTheOthersAndPropagates(DatabaseKind kind) {
        try (var started = StartedDatabase.start(kind)) {
            var statements = new Statements(started.database());

            assertThatThrownBy(() -> statements.inTransaction(dsl -> {
                dsl.insertInto(ACCOUNT)
                        .set(ACCOUNT.ID, "acc-1").set(ACCOUNT.NAME, "Lender One").set(ACCOUNT.INSTITUTION_ID, "inst-1")
                        .set(ACCOUNT.API_KEY, "key-1").set(ACCOUNT.SECRET_HASH, "hash")
                        .set(ACCOUNT.CREATED_AT, Timestamps.toColumn(Instant.parse("2024-08-09T12:55:51Z")))
                        .execute();
                return dsl.execute(DSL.sql("select no_such_column from account"));
            })).isInstanceOf(DataAccessException.class);

            assertThat(started.dsl().fetchCount(ACCOUNT)).isZero();
        }
    }
}
