-- Text lengths: the domain bounds client text in characters, counted as Unicode code points (a
-- consentType has 1 to 200). PostgreSQL counts VARCHAR lengths the same way; H2 counts UTF-16 units, in
-- which a character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph) takes two. Such
-- columns therefore allow twice the domain's bound, so that both databases store whatever the domain
-- accepts; the domain, not the column, enforces the bound.

-- Consent templates (contract section 5), always read within one account.
CREATE TABLE consent_template (
    id              VARCHAR(40)              NOT NULL,
    account_id      VARCHAR(40)              NOT NULL,
    consent_type    VARCHAR(400)             NOT NULL,  -- 200 characters
    title           VARCHAR(400),                       -- 200 characters
    version         VARCHAR(128)             NOT NULL,  -- 64 characters
    consent_method  VARCHAR(400),                       -- 200 characters
    consent_text    VARCHAR(131070)          NOT NULL,  -- 65535 characters
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_consent_template PRIMARY KEY (id),
    CONSTRAINT fk_consent_template_account FOREIGN KEY (account_id) REFERENCES account (id)
);
-- Keyset pagination: newest first within an account.
CREATE INDEX ix_consent_template_page ON consent_template (account_id, created_at, id);

-- An account's alpha selection when it is not the default (contract section 3.3):
-- catalogue names, comma-separated, in catalogue order.
CREATE TABLE signal_selection (
    account_id  VARCHAR(40)   NOT NULL,
    signals     VARCHAR(8000) NOT NULL,
    CONSTRAINT pk_signal_selection PRIMARY KEY (account_id),
    CONSTRAINT fk_signal_selection_account FOREIGN KEY (account_id) REFERENCES account (id)
);

-- An account's own beta templates.
CREATE TABLE signal_template (
    account_id     VARCHAR(40)   NOT NULL,
    template_id    VARCHAR(64)   NOT NULL,
    signals        VARCHAR(8000) NOT NULL,
    amount_format  VARCHAR(10)   NOT NULL,
    amount_bands   VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_signal_template PRIMARY KEY (account_id, template_id),
    CONSTRAINT fk_signal_template_account FOREIGN KEY (account_id) REFERENCES account (id)
);

-- Signal requests (contract section 2): what was sent, the template used, the state, the values.
CREATE TABLE signal_request (
    id                   VARCHAR(40)              NOT NULL,
    account_id           VARCHAR(40)              NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of                TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    result_code          VARCHAR(32),
    result_message       VARCHAR(200),
    subject_key          VARCHAR(300)             NOT NULL,
    -- requestMeta, as sent
    meta_phone           VARCHAR(64),
    meta_country_code    VARCHAR(2),
    meta_email_address   VARCHAR(254),
    meta_template_id     VARCHAR(64),
    consent_type         VARCHAR(400),                       -- 200 characters
    consent_version      VARCHAR(128),                       -- 64 characters
    consent_with         VARCHAR(4000)            NOT NULL,  -- 2000 characters
    consent_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    consent_template_id  VARCHAR(64),
    -- the template the values were computed for (an alpha request's is tpl-account-selection)
    template_id          VARCHAR(64)              NOT NULL,
    signals              VARCHAR(8000)            NOT NULL,
    amount_format        VARCHAR(10)              NOT NULL,
    amount_bands         VARCHAR(1000)            NOT NULL,
    -- one value per signal, comma-separated, empty for null; null until COMPLETED with SUCCESS
    result_values        VARCHAR(8000),
    CONSTRAINT pk_signal_request PRIMARY KEY (id),
    CONSTRAINT fk_signal_request_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_signal_request_page ON signal_request (account_id, created_at, id);
-- Requests still PROCESSING, oldest first, to be finished after a restart.
CREATE INDEX ix_signal_request_processing ON signal_request (status, created_at, id);

-- Every key of a request's subject, so that a list filtered by any accepted form of one phone
-- number finds the requests made with the others.
CREATE TABLE signal_request_subject (
    request_id   VARCHAR(40)  NOT NULL,
    account_id   VARCHAR(40)  NOT NULL,
    subject_key  VARCHAR(300) NOT NULL,
    CONSTRAINT pk_signal_request_subject PRIMARY KEY (request_id, subject_key),
    CONSTRAINT fk_signal_request_subject_request FOREIGN KEY (request_id) REFERENCES signal_request (id)
);
-- Covers the list filter "one of these keys, in this account" without visiting the table.
CREATE INDEX ix_signal_request_subject_key ON signal_request_subject (account_id, subject_key, request_id);
