-- A request's as_of is now what the client sent, NULL when it sent none (the request was then computed at
-- created_at): answers carry asOf only when it was sent (contract section 2.3). Rows stored before kept
-- created_at there; an asOf equal to the creation instant to the microsecond is taken as not sent.
ALTER TABLE signal_request ALTER COLUMN as_of DROP NOT NULL;
UPDATE signal_request SET as_of = NULL WHERE as_of = created_at;
