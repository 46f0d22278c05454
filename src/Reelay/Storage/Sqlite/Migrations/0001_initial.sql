-- Reelay schema v1. Times are INTEGER unix milliseconds (UTC). Status/stage/state are lower-case names.

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
    version          INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    started_at       INTEGER,
    completed_at     INTEGER,
    deadline_at      INTEGER NOT NULL,
    next_run_at      INTEGER,
    lease_owner      TEXT,
    lease_token      TEXT,
    lease_until      INTEGER,
    idempotency_key  TEXT,
    request_hash     TEXT,
    external_id      TEXT
);

-- Idempotency is enforced by this constraint (INSERT ... ON CONFLICT DO NOTHING), never check-then-insert.
CREATE UNIQUE INDEX ux_jobs_owner_idempotency ON jobs (owner_key_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- Due work: only non-terminal jobs are indexed, so the queue index stays as small as the backlog.
CREATE INDEX ix_jobs_due ON jobs (next_run_at) WHERE status IN ('queued', 'running');
CREATE INDEX ix_jobs_deadline ON jobs (deadline_at) WHERE status IN ('queued', 'running');

CREATE INDEX ix_jobs_owner_id ON jobs (owner_key_id, id);
CREATE INDEX ix_jobs_status ON jobs (status);
-- Expired-lease sweep reads only leased rows.
CREATE INDEX ix_jobs_lease ON jobs (lease_until) WHERE lease_until IS NOT NULL;

CREATE TABLE job_events (
    seq       INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,  -- store-wide, never reused (SSE Last-Event-ID)
    job_id    TEXT    NOT NULL REFERENCES jobs (id),
    at        INTEGER NOT NULL,
    type      TEXT    NOT NULL,
    status    TEXT    NOT NULL,
    progress  INTEGER NOT NULL,
    detail    TEXT
);

CREATE INDEX ix_job_events_job_seq ON job_events (job_id, seq);

CREATE TABLE webhook_outbox (
    id                TEXT    NOT NULL PRIMARY KEY,  -- the webhook-id, stable across retries
    job_id            TEXT    NOT NULL REFERENCES jobs (id),
    owner_key_id      TEXT    NOT NULL,
    event_type        TEXT    NOT NULL,
    url               TEXT    NOT NULL,
    payload           TEXT    NOT NULL,
    headers_json      TEXT,
    state             TEXT    NOT NULL,
    attempts          INTEGER NOT NULL,
    next_attempt_at   INTEGER NOT NULL,
    lease_owner       TEXT,
    lease_until       INTEGER,
    created_at        INTEGER NOT NULL,
    last_status_code  INTEGER,
    last_error        TEXT
);

CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_webhook_outbox_job ON webhook_outbox (job_id);

CREATE TABLE webhook_attempts (
    id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    message_id        TEXT    NOT NULL REFERENCES webhook_outbox (id),
    job_id            TEXT    NOT NULL,
    attempt           INTEGER NOT NULL,
    at                INTEGER NOT NULL,
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
    secret_hash                BLOB    NOT NULL,
    created_at                 INTEGER NOT NULL,
    revoked_at                 INTEGER,
    webhook_secret_generation  INTEGER NOT NULL
);
