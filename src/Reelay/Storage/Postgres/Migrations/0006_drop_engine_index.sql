-- Reelay PostgreSQL schema v6: ix_jobs_engine_in_flight (engine) is covered by ix_jobs_inflight (engine, stage) from v3,
-- which serves engine-only lookups through its leading column. Dropping it saves one index write per job insert and
-- per status change of an unfinished job. (SQLite never had it.)

DROP INDEX IF EXISTS ix_jobs_engine_in_flight;
