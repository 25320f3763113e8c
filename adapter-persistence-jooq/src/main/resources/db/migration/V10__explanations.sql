-- Explanations (contract section 2.5): an explained request shows the events its values rest on, read from the
-- journal, the source of truth, with their ids; a subject's events are found by its phone or e-mail address.
-- Each index costs an entry per event with that column set; the in-memory index answers every request without
-- them.
CREATE INDEX ix_event_phone ON event (phone);
CREATE INDEX ix_event_email_address ON event (email_address);

-- The evidence and explanation of an explained request, deflated (ExplanationColumn), stored with it and returned by
-- every later read; null for a request made without "explain". At most 1,000 events and one list of refs per signal.
ALTER TABLE signal_request ADD COLUMN explanation BYTEA;
