package dev.signals.adapter.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

import static dev.signals.adapter.persistence.jooq.Tables.JOURNAL_IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's identity (V17), which tells a checkpoint of its index from one of another journal: given once, when
 * the database is created, and the same for every node and after every restart.
 */
class JournalIdentityTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theJournalsIdentityIsTheSameForEveryNodeAndAnotherForAnotherDatabase(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind); var otherNode = StartedDatabase.sharing(db);
             var otherDatabase = StartedDatabase.start(kind)) {
            String id = new JooqJournalFeed(db.database()).journalId();

            assertThat(id).as("a random UUID").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(new JooqJournalFeed(otherNode.database()).journalId()).as("migrated again, kept").isEqualTo(id);
            assertThat(db.dsl().fetchCount(JOURNAL_IDENTITY)).isEqualTo(1);
            assertThat(new JooqJournalFeed(otherDatabase.database()).journalId()).isNotEqualTo(id);
        }
    }

    @Test
    void anH2FileKeepsItsJournalsIdentityWhenItIsOpenedAgain(@TempDir Path directory) {
        var settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("journal"), "sa", "");
        String id;
        try (var database = new Database(settings)) {
            database.start();
            id = new JooqJournalFeed(database).journalId();
        }
        try (var database = new Database(settings)) {
            database.start();
            assertThat(new JooqJournalFeed(database).journalId()).isEqualTo(id);
        }
    }
}
