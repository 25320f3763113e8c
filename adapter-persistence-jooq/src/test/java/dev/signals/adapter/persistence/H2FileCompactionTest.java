package dev.signals.adapter.persistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import static dev.signals.adapter.persistence.jooq.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

class H2FileCompactionTest {

    private static final int ACCOUNTS = 2_000;
    private static final int COMMITS = 400;

    @TempDir
    Path directory;

    @Test
    void closingAFileThatIsMostlyGarbageLeavesItWithinTwiceItsLiveDataWithEveryRowIntact() throws Exception {
        // H2's own compaction at close, 200 ms by default, is in time for a file this small but not for a large one:
        // turned off, it leaves this file as a large one's would be.
        var settings = DatabaseSettings.of("jdbc:h2:file:" + directory.resolve("signals")
                + ";DB_CLOSE_ON_EXIT=FALSE;MAX_COMPACT_TIME=0", "sa", "");
        Path file = directory.resolve("signals.mv.db");
        Map<String, String> names = new HashMap<>();
        long liveBytes;
        try (var database = new Database(settings)) {
            database.start();
            var dsl = database.dsl();
            for (int i = 0; i < ACCOUNTS; i++) {
                String id = "acc-" + i;
                names.put(id, "Lender " + i);
                dsl.insertInto(ACCOUNT).set(ACCOUNT.ID, id).set(ACCOUNT.NAME, names.get(id))
                        .set(ACCOUNT.INSTITUTION_ID, "inst-" + i).set(ACCOUNT.API_KEY, "key-" + i)
                        .set(ACCOUNT.SECRET_HASH, "hash-" + i)
                        .set(ACCOUNT.CREATED_AT, OffsetDateTime.parse("2024-01-01T00:00:00Z")).execute();
            }
            // Each statement is a commit, and each commit a chunk of its own: the accounts renamed over and over leave
            // chunks whose pages are mostly replaced by later ones.
            for (int commit = 0; commit < COMMITS; commit++) {
                String id = "acc-" + (commit * 37 % ACCOUNTS);
                names.put(id, "Lender renamed " + commit);
                dsl.update(ACCOUNT).set(ACCOUNT.NAME, names.get(id)).where(ACCOUNT.ID.eq(id)).execute();
            }
            try (Connection connection = DriverManager.getConnection(settings.url(), settings.credentials())) {
                var store = H2FileCompaction.file(connection);
                int liveShare = H2FileCompaction.liveShare(store);
                assertThat(liveShare).as("the share of the file that is live before closing")
                        .isLessThan(H2FileCompaction.COMPACT_AT_CLOSE_BELOW);
                liveBytes = store.size() * liveShare / 100;
            }
        }

        long closedSize = Files.size(file);
        assertThat(closedSize).isLessThanOrEqualTo(2 * liveBytes);
        try (var reopened = new Database(settings)) {
            reopened.start();
            Map<String, String> stored = new HashMap<>();
            reopened.dsl().select(ACCOUNT.ID, ACCOUNT.NAME).from(ACCOUNT)
                    .forEach(row -> stored.put(row.value1(), row.value2()));
            assertThat(stored).isEqualTo(names);
        }
    }
}
