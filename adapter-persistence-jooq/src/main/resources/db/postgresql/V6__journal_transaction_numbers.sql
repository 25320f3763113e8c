-- PostgreSQL only (see V5): every event row records the 64-bit number of the transaction that inserted it, and
-- the feed reads rows by that number, below the oldest transaction still running.
ALTER TABLE event ALTER COLUMN tx SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX ix_event_tx ON event (tx, seq);
