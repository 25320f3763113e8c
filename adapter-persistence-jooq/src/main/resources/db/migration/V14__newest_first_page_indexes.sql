-- A list page (newest first, keyset: NewestFirst) reads only its own rows. The page indexes were ascending, and H2
-- neither scans an index backwards nor preferred them to the index it made for the account foreign key: a page of
-- 20 requests read and sorted every request of the account, which grew with all of its history (issue 17's mixed
-- load). In the order of the page, with the account column of the ORDER BY and a bound on created_at in every page's
-- condition, H2 reads the page's rows from the index in order and stops; PostgreSQL reads it forwards.
DROP INDEX ix_signal_request_page;
CREATE INDEX ix_signal_request_page ON signal_request (account_id, created_at DESC, id DESC);
DROP INDEX ix_consent_template_page;
CREATE INDEX ix_consent_template_page ON consent_template (account_id, created_at DESC, id DESC);
