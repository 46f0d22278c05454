-- Reelay schema v6: per-key limits and webhook secret rotation. NULL limits mean "no limit"; allowed_models is a JSON
-- array of canonical model ids. The partial index lets the create transaction count a key's unfinished jobs (its
-- concurrency) from index entries only.

ALTER TABLE api_keys ADD COLUMN requests_per_minute INTEGER;
ALTER TABLE api_keys ADD COLUMN max_concurrent_jobs INTEGER;
ALTER TABLE api_keys ADD COLUMN allowed_models TEXT;
ALTER TABLE api_keys ADD COLUMN webhook_secret_rotated_at INTEGER;

CREATE INDEX ix_jobs_owner_active ON jobs (owner_key_id) WHERE status IN ('queued', 'running');
