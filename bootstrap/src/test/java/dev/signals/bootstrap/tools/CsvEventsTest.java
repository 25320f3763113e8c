package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvEventsTest {

    @Test
    void columnsAreNamedByTheHeaderInAnyOrderAndEmptyCellsAreAbsent() throws Exception {
        List<EventReport> read = read("""
                type,eventId,occurredAt,phone,amount,overdueDays,autoRepayment,reportedAt
                OVERDUE,loan-1-overdue,2024-07-30T08:00:00Z,+639171234567,1520.50,12,false,2024-07-30T09:00:00Z
                LOAN_DISBURSEMENT,loan-2,2024-07-01T08:00:00Z,+639171234567,,,,
                """);

        assertThat(read).hasSize(2);
        EventReport first = read.get(0);
        assertThat(first.index()).isEqualTo(2);
        assertThat(first.eventId()).isEqualTo("loan-1-overdue");
        assertThat(first.amount()).isEqualByComparingTo(new BigDecimal("1520.50"));
        assertThat(first.overdueDays()).isEqualTo(12);
        assertThat(first.autoRepayment()).isFalse();
        assertThat(first.reportedAt()).isEqualTo(Instant.parse("2024-07-30T09:00:00Z"));
        assertThat(read.get(1).index()).isEqualTo(3);
        assertThat(read.get(1).amount()).isNull();
        assertThat(read.get(1).unreadable()).isNull();
    }

    @Test
    void aCellThatCannotBeReadMakesItsLineUnreadableWithTheReason() throws Exception {
        List<EventReport> read = read("""
                eventId,type,occurredAt,phone,amount
                a,LOAN_DISBURSEMENT,yesterday,+639171234567,
                b,LOAN_DISBURSEMENT,2024-07-01T08:00:00Z,+639171234567,lots
                c,LOAN_DISBURSEMENT,2024-07-01T08:00:00Z,+639171234567,10
                """);

        assertThat(read).extracting(EventReport::unreadable).containsExactly(
                "occurredAt must be an ISO-8601 timestamp such as 2024-07-30T08:00:00Z",
                "amount must be a number such as 1520.50",
                null);
        assertThat(read).extracting(EventReport::eventId).containsExactly("a", "b", "c");
    }

    @Test
    void anUnknownColumnIsRefusedBeforeAnyLine() {
        assertThatThrownBy(() -> read("eventId,kind\na,OVERDUE\n")).hasMessageContaining("unknown CSV column 'kind'");
    }

    private static List<EventReport> read(String csv) throws Exception {
        List<EventReport> reports = new ArrayList<>();
        CsvEvents.read(new StringReader(csv), reports::add);
        return reports;
    }
}
