-- Reelay PostgreSQL schema v1: the same tables and meanings as the SQLite schema (Storage/Sqlite/Migrations 0001-0002),
-- so both backends share one row mapping. Times are BIGINT unix milliseconds (UTC); status/stage/state are lower-case names.

CREATE TABLE jobs (
    id               TEXT    NOT NULL PRIMARY KEY,  -- UUIDv7: sorts by creation time
    owner_key_id     TEXT    NOT NULL,
    dialect          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    stage            TEXT    NOT NULL,
    progress         INTEGER NOT NULL,
    engine           TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    request_json     TEXT    NOT NULL,
    upstream_ref     TEXT,
    outputs_json     TEXT,
    error_code       TEXT,
    error_message    TEXT,
    credits          TEXT,                          -- decimal, invariant culture
    attempts         INTEGER NOT NULL,
    version          BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    started_at       BIGINT,
    completed_at     BIGINT,
    deadline_at      BIGINT  NOT NULL,
    next_run_at      BIGINT,
    lease_owner      TEXT,
    lease_token      TEXT,
    lease_until      BIGINT,
    idempotency_key  TEXT,
    request_hash     TEXT,
    external_id      TEXT
);

-- Idempotency is enforced by this constraint (INSERT ... ON CONFLICT DO NOTHING), never check-then-insert.
CREATE UNIQUE INDEX ux_jobs_owner_idempotency ON jobs (owner_key_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Due work, ordered by when each job became due (its next step, or its deadline if earlier): claims walk this index
-- and stop after their limit. Only non-terminal jobs are indexed, so it stays as small as the backlog.
CREATE INDEX ix_jobs_due ON jobs ((LEAST(COALESCE(next_run_at, deadline_at), deadline_at)), id)
    WHERE status IN ('queued', 'running');

CREATE INDEX ix_jobs_owner_id ON jobs (owner_key_id, id);
CREATE INDEX ix_jobs_status ON jobs (status);
CREATE INDEX ix_jobs_engine_in_flight ON jobs (engine) WHERE status IN ('queued', 'running');
-- Expired-lease sweep reads only leased rows.
CREATE INDEX ix_jobs_lease ON jobs (lease_until) WHERE lease_until IS NOT NULL;

CREATE TABLE job_events (
    seq       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- store-wide, never reused (SSE Last-Event-ID)
    job_id    TEXT    NOT NULL REFERENCES jobs (id),
    at        BIGINT  NOT NULL,
    type      TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    progress  INTEGER NOT NULL,
    detail    TEXT
);

CREATE INDEX ix_job_events_job_seq ON job_events (job_id, seq);

CREATE TABLE webhook_outbox (
    id                TEXT    NOT NULL PRIMARY KEY,  -- the webhook-id, stable across retries
    seq               BIGINT  GENERATED ALWAYS AS IDENTITY,  -- insertion order (SQLite's rowid)
    job_id            TEXT    NOT NULL REFERENCES jobs (id),
    owner_key_id      TEXT    NOT NULL,
    event_type        TEXT    NOT NULL,
    url               TEXT    NOT NULL,
    payload           TEXT    NOT NULL,
    headers_json      TEXT,
    state             TEXT    NOT NULL,
    attempts          INTEGER NOT NULL,
    next_attempt_at   BIGINT  NOT NULL,
    lease_owner       TEXT,
    lease_until       BIGINT,
    created_at        BIGINT  NOT NULL,
    last_status_code  INTEGER,
    last_error        TEXT
);

CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (next_attempt_at, created_at) WHERE state = 'pending';
CREATE INDEX ix_webhook_outbox_job ON webhook_outbox (job_id);

CREATE TABLE webhook_attempts (
    id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id        TEXT    NOT NULL REFERENCES webhook_outbox (id),
    job_id            TEXT    NOT NULL,
    attempt           INTEGER NOT NULL,
    at                BIGINT  NOT NULL,
    status_code       INTEGER,
    error             TEXT,
    duration_ms       INTEGER NOT NULL,
    response_snippet  TEXT
);

CREATE INDEX ix_webhook_attempts_job ON webhook_attempts (job_id, id);

CREATE TABLE api_keys (
    id                         TEXT    NOT NULL PRIMARY KEY,  -- Guid, "D" format
    name                       TEXT    NOT NULL,
    role                       TEXT    NOT NULL,
    secret_hash                BYTEA   NOT NULL,
    created_at                 BIGINT  NOT NULL,
    revoked_at                 BIGINT,
    webhook_secret_generation  INTEGER NOT NULL,
    leonardo_callback_url      TEXT,                          -- Leonardo configures callbacks per API key
    leonardo_callback_key      TEXT
);

CREATE TABLE uploads (
    id            TEXT    NOT NULL PRIMARY KEY,  -- Guid, "D" format; the provider's image id
    owner_key_id  TEXT    NOT NULL,
    extension     TEXT    NOT NULL,              -- as announced by the caller (png, jpg, jpeg, webp)
    blob_ref      TEXT,                          -- blob:inputs/... once the bytes arrived; NULL before
    expires_at    BIGINT  NOT NULL,              -- the upload form is accepted until then
    created_at    BIGINT  NOT NULL
);
