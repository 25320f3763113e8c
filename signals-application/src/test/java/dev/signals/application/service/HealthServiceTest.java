package dev.signals.application.service;

import dev.signals.application.port.out.DatabaseHealthPort;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServiceTest {

    @Test
    void theServiceIsHealthyExactlyWhenItsDatabaseAnswers() {
        assertThat(new HealthService(database(true)).check().healthy()).isTrue();
        assertThat(new HealthService(database(false)).check().healthy()).isFalse();
    }

    @Test
    void theReportNamesTheKindOfDatabase() {
        assertThat(new HealthService(database(true)).check().database()).isEqualTo("POSTGRES");
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
