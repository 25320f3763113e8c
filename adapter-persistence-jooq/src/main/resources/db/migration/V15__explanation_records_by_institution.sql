-- Explanations (contract section 2.5) come from the in-memory index, like every value; the journal gives only the
-- event ids they show or order by: the asking institution's, and rarely those of events tied at the same instants.
-- So the subject indexes of V10 lead with the subject, then the institution, and an explanation reads that
-- institution's rows of the subject instead of every row of it. A query by subject alone still uses them.
DROP INDEX ix_event_phone;
DROP INDEX ix_event_email_address;
CREATE INDEX ix_event_phone_institution ON event (phone, institution_id);
CREATE INDEX ix_event_email_address_institution ON event (email_address, institution_id);
