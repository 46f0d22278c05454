-- Reelay PostgreSQL schema v3: upstream concurrency checks count a job's in-flight siblings per engine and stage. This covering
-- partial index lets that count read index entries only (no row lookups), and only of unfinished jobs.

CREATE INDEX ix_jobs_inflight ON jobs (engine, stage) WHERE status IN ('queued', 'running');
