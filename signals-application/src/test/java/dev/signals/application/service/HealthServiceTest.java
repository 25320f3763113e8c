package dev.signals.application.service;

import dev.signals.application.port.in.IndexStatusQuery;
import dev.signals.application.port.in.IndexStatusQuery.IndexStatus;
import dev.signals.application.port.out.DatabaseHealthPort;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServiceTest {

    private static final IndexStatusQuery FOLLOWING = () -> new IndexStatus(true, "42", 10, Duration.ofMillis(200));

    @Test
    void theNodeIsHealthyWhenItsDatabaseAnswersAndItsIndexFollowsTheJournal() {
        assertThat(new HealthService(database(true), FOLLOWING).check().healthy()).isTrue();
        assertThat(new HealthService(database(true), FOLLOWING).check().problem()).isNull();
        assertThat(new HealthService(database(false), FOLLOWING).check().problem()).contains("does not answer");
    }

    @Test
    void aStartingNodeIsNotHealthyUntilItsIndexHasReadTheJournal() {
        var starting = new HealthService(database(true), () -> new IndexStatus(false, "start", 1_000, null)).check();
        assertThat(starting.healthy()).isFalse();
        assertThat(starting.problem()).contains("starting").contains("1000 events");
    }

    @Test
    void aNodeWhoseViewOfTheJournalIsOlderThanFiveSecondsIsNotHealthy() {
        var lagging = new HealthService(database(true), () -> new IndexStatus(true, "42", 10, Duration.ofSeconds(6))).check();
        assertThat(lagging.healthy()).isFalse();
        assertThat(lagging.problem()).contains("6000 ms behind");
    }

    @Test
    void theReportNamesTheKindOfDatabase() {
        assertThat(new HealthService(database(true), FOLLOWING).check().database()).isEqualTo("POSTGRES");
    }

    private static DatabaseHealthPort database(boolean answers) {
        return new DatabaseHealthPort() {
            @Override
            public boolean answers() {
                return answers;
            }

            @Override
            public String kind() {
                return "POSTGRES";
            }
        };
    }
}
