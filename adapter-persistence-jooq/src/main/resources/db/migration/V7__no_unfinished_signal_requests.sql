-- A signal request is computed before it is stored, and stored once, finished (contract section 2.2): there are
-- no PROCESSING requests to find after a restart, and the index that found them only cost every insert.
DROP INDEX ix_signal_request_processing;
