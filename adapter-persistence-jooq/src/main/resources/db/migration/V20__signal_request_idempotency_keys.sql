-- A signal request may come with an Idempotency-Key (issue 19): a client, or HAProxy in front of several nodes, sends it
-- again when it cannot know whether the first attempt got through (a node killed in the middle of it). An account
-- stores at most one request under a key, across every node: the unique index is what decides between two attempts in
-- flight at once, and the one that loses answers with the winner's row. idempotency_asked is the SHA-256 (hex) of what
-- the request asked (Idempotency): a repeat that asks something else is refused. Requests without a key have NULL in
-- both, and NULLs never collide in a unique index, on H2 as on PostgreSQL.
ALTER TABLE signal_request ADD COLUMN idempotency_key VARCHAR(255);
ALTER TABLE signal_request ADD COLUMN idempotency_asked CHAR(64);
CREATE UNIQUE INDEX ux_signal_request_idempotency_key ON signal_request (account_id, idempotency_key);
