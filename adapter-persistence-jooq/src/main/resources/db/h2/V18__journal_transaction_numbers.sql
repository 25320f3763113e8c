-- H2 only, as V6 and V9 for PostgreSQL: the process that opens the database numbers the journal's transactions itself
-- and writes the number into each row's tx (H2Transactions); a node reads rows by that number, below the lowest
-- transaction still running (JooqJournalFeed).
CREATE INDEX ix_event_tx ON event (tx, seq);
CREATE INDEX ix_event_retraction_tx ON event_retraction (tx, seq);
