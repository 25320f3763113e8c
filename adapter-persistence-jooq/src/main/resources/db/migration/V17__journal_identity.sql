-- The identity of this journal (JournalFeedPort.journalId): given once, when this migration runs on a new database,
-- and the same for every node that reads it, so that a checkpoint of a node's index names the journal it was taken of
-- and is never restored over another database's journal. One row (id 1), as admin_token in V5.
-- The value is a random UUID that the migrating node makes and hands in as the placeholder journal_id (Database):
-- H2 and PostgreSQL name their functions for one differently (RANDOM_UUID, gen_random_uuid). Flyway runs this once,
-- whichever node migrates first; the others find it applied.
CREATE TABLE journal_identity (
    id          SMALLINT     NOT NULL,
    journal_id  VARCHAR(36)  NOT NULL,
    CONSTRAINT pk_journal_identity PRIMARY KEY (id),
    CONSTRAINT ck_journal_identity_one CHECK (id = 1)
);
INSERT INTO journal_identity (id, journal_id) VALUES (1, '${journal_id}');
