-- PostgreSQL only, as V6 for events: every retraction records its transaction's number, and the nodes read
-- retractions by that number, below the oldest transaction still running.
ALTER TABLE event_retraction ALTER COLUMN tx SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX ix_event_retraction_tx ON event_retraction (tx, seq);
