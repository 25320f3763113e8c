-- A signal request is found by any form of its subject through two digests in its own row (SubjectDigests): a phone's
-- two MD5 forms, a hash, or the MD5 of an e-mail address's key. They replace the signal_request_subject table, whose
-- row per key put four index entries at random places per request; on the embedded H2 each such entry rewrites a page
-- at the next commit, which was most of what storing a request cost (issue 17). V12 fills them for stored requests
-- (in Java: FillSubjectDigests), V13 indexes them and drops the table.
ALTER TABLE signal_request ADD COLUMN subject_digest BYTEA;
ALTER TABLE signal_request ADD COLUMN subject_alias_digest BYTEA;
