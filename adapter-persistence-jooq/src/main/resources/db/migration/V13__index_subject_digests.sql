-- The digests V12 filled are the way in for a list filtered by a subject (JooqSignalRequestRepository); the table of one
-- row per key they replace goes.
ALTER TABLE signal_request ALTER COLUMN subject_digest SET NOT NULL;
-- Both databases index BYTEA (H2 reads it as VARBINARY); jOOQ's code generator reads it as a BLOB, which H2 does not
-- index, so it skips these two statements, which change nothing it generates.
-- [jooq ignore start]
CREATE INDEX ix_signal_request_subject_digest ON signal_request (subject_digest);
CREATE INDEX ix_signal_request_subject_alias_digest ON signal_request (subject_alias_digest);
-- [jooq ignore stop]
DROP TABLE signal_request_subject;
