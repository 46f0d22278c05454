-- Reelay PostgreSQL schema v2: retention finds finished jobs by completion time; named leases elect one node per periodic task.

CREATE INDEX ix_jobs_completed ON jobs (completed_at) WHERE completed_at IS NOT NULL;

CREATE TABLE task_leases (
    name         TEXT   NOT NULL PRIMARY KEY,
    owner        TEXT   NOT NULL,
    lease_until  BIGINT NOT NULL
);
