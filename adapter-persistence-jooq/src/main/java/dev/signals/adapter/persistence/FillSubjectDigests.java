package dev.signals.adapter.persistence;

import dev.signals.domain.subject.SubjectKeys;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * V12: the subject digests (V11, {@link SubjectDigests}) of the requests stored before them, computed from each row's
 * {@code subject_key} by the same code that computes a new request's. In Java because neither database's SQL can be
 * trusted to give the same MD5 of the same text as the domain does (H2 and PostgreSQL spell it differently), and the
 * digests must be exactly the new rows'. Runs once, in the migration's
 * transaction.
 */
final class FillSubjectDigests implements JavaMigration {

    private static final int BATCH = 1_000;

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("12");
    }

    @Override
    public String getDescription() {
        return "fill subject digests";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement rows = connection.prepareStatement("SELECT id, subject_key FROM signal_request");
             PreparedStatement fill = connection.prepareStatement(
                     "UPDATE signal_request SET subject_digest = ?, subject_alias_digest = ? WHERE id = ?");
             ResultSet row = rows.executeQuery()) {
            int pending = 0;
            while (row.next()) {
                SubjectDigests digests = SubjectDigests.of(SubjectKeys.subjectOf(row.getString("subject_key")));
                fill.setBytes(1, digests.digest());
                fill.setBytes(2, digests.alias());
                fill.setString(3, row.getString("id"));
                fill.addBatch();
                if (++pending == BATCH) {
                    fill.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                fill.executeBatch();
            }
        }
    }
}
