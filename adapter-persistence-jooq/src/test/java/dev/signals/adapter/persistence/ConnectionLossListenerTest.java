package dev.signals.adapter.persistence;

import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionLossListenerTest {

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "57P01", "57P02", "57P03"})
    void aBrokenConnectionOrAServerGoingAwayIsAConnectionLoss(String sqlState) {
        var failure = new DataAccessException("SQL [select 1]", new SQLException("gone", sqlState));

        assertThat(ConnectionLossListener.isConnectionLoss(failure)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42601", "57014", "40001", "22001"})
    void aFailingStatementOnAWorkingConnectionIsNot(String sqlState) {
        var failure = new DataAccessException("SQL [select 1]", new SQLException("statement failed", sqlState));

        assertThat(ConnectionLossListener.isConnectionLoss(failure)).isFalse();
    }

    @Test
    void aFailureWithoutSqlStateIsNot() {
        assertThat(ConnectionLossListener.isConnectionLoss(new SQLException("no SQLSTATE"))).isFalse();
        assertThat(ConnectionLossListener.isConnectionLoss(null)).isFalse();
    }
}
