-- One account per lending institution of the network (contract section 6).
-- The API secret is never stored: only a hash of it.
CREATE TABLE account (
    id              VARCHAR(40)              NOT NULL,
    name            VARCHAR(200)             NOT NULL,
    institution_id  VARCHAR(128)             NOT NULL,
    api_key         VARCHAR(64)              NOT NULL,
    secret_hash     VARCHAR(128)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_account PRIMARY KEY (id),
    CONSTRAINT uq_account_api_key UNIQUE (api_key),
    CONSTRAINT uq_account_institution UNIQUE (institution_id)
);
