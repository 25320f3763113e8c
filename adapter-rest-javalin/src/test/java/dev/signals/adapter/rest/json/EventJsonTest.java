package dev.signals.adapter.rest.json;

import dev.signals.application.port.in.EventReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** One event of contract section 4 at a time: read as sent, or unreadable with a reason that repeats nothing of it. */
class EventJsonTest {

    @Test
    void anEventIsReadFieldByFieldAtItsIndex() {
        EventReport report = EventJson.readLine(7, """
                {"eventId": "loan-778-overdue-3", "type": "OVERDUE", "occurredAt": "2024-07-30T08:00:00Z",
                 "phone": "+639171234567", "amount": 1520.50, "overdueDays": 12, "autoRepayment": false,
                 "reportedAt": "2024-07-30T09:00:00Z"}""".replace('\n', ' '));

        assertThat(report.unreadable()).isNull();
        assertThat(report.index()).isEqualTo(7);
        assertThat(report.eventId()).isEqualTo("loan-778-overdue-3");
        assertThat(report.type()).isEqualTo("OVERDUE");
        assertThat(report.phone()).isEqualTo("+639171234567");
        assertThat(report.occurredAt()).isEqualTo(Instant.parse("2024-07-30T08:00:00Z"));
        assertThat(report.reportedAt()).isEqualTo(Instant.parse("2024-07-30T09:00:00Z"));
        assertThat(report.amount()).isEqualByComparingTo(new BigDecimal("1520.50"));
        assertThat(report.overdueDays()).isEqualTo(12);
        assertThat(report.autoRepayment()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone=+639171234567", "{\"phone\": +639171234567}", "{\"phone\": \"+639171234567\"",
            "{\"phone\": \"+639171234567\"} 639171234567", "639171234567abc"})
    void aLineThatIsNotJsonIsUnreadableByItsColumnWithoutRepeatingIt(String line) {
        EventReport report = EventJson.readLine(3, line);

        assertThat(report.index()).isEqualTo(3);
        assertThat(report.unreadable()).startsWith("the line is not valid JSON (column ").doesNotContain("639171234567");
    }

    @Test
    void aValueOfTheWrongTypeMakesTheEventUnreadableWithItsReasonAndKeepsItsId() {
        EventReport report = EventJson.readLine(0, "{\"eventId\": \"e-1\", \"phone\": 639171234567}");

        assertThat(report.eventId()).isEqualTo("e-1");
        assertThat(report.unreadable()).isEqualTo("phone must be a string");
    }

    @Test
    void aLineGivingAKeyTwiceIsUnreadableByThatKeyWithoutRepeatingTheValues() {
        EventReport report = EventJson.readLine(4, "{\"eventId\": \"e-1\", \"phone\": \"+639171234567\", \"phone\": \"+639171234568\"}");

        assertThat(report.index()).isEqualTo(4);
        assertThat(report.unreadable()).startsWith("the line gives the key \"phone\" more than once").doesNotContain("63917");
        assertThat(RetractionJson.readLine(2, "{\"eventId\": \"e-1\", \"eventId\": \"e-2\"}").unreadable())
                .startsWith("the line gives the key \"eventId\" more than once");
    }

    @Test
    void anythingButAnObjectIsUnreadable() {
        assertThat(EventJson.readLine(0, "[{\"eventId\": \"e-1\"}]").unreadable()).isEqualTo("an event is a JSON object");
        assertThat(EventJson.readLine(0, "\"+639171234567\"").unreadable()).isEqualTo("an event is a JSON object");
    }
}
