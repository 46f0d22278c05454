using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage.Rows;
using Reelay.Webhooks;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// <see cref="IJobStore"/> on one SQLite file. Writes are compare-and-set updates inside BEGIN IMMEDIATE
/// transactions on the database's single writer connection, so claims and updates cannot interleave;
/// reads run concurrently on pooled WAL readers. Times are kept at millisecond precision (UTC): every job
/// returned, including the one returned by <see cref="CreateAsync"/>, carries the stored values.
/// </summary>
public sealed partial class SqliteJobStore(SqliteDatabase database) : IJobStore
{
    private const string NonTerminal = "status IN ('queued', 'running')";

    private const string InsertJobSql = $"""
        INSERT INTO jobs ({JobRows.Columns}, external_id)
        VALUES ($id, $owner_key_id, $dialect, $status, $stage, $progress, $engine, $model, $request_json, $upstream_ref,
                $outputs_json, $error_code, $error_message, $credits, $attempts, $version, $created_at, $updated_at,
                $started_at, $completed_at, $deadline_at, $next_run_at, $lease_owner, $lease_token, $lease_until,
                $idempotency_key, $request_hash, $external_id)
        ON CONFLICT (owner_key_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
        """;

    private const string SelectByKeySql =
        $"SELECT {JobRows.Columns} FROM jobs WHERE owner_key_id = $owner AND idempotency_key = $key";

    private const string DeleteRefusedJobSql = "DELETE FROM jobs WHERE id = $id";

    private const string SelectByIdSql = $"SELECT {JobRows.Columns} FROM jobs WHERE id = $id";

    private const string InsertEventSql =
        "INSERT INTO job_events (job_id, at, type, status, progress, detail) VALUES ($job_id, $at, $type, $status, $progress, $detail)";

    private const string InsertOutboxSql = """
        INSERT INTO webhook_outbox (id, job_id, owner_key_id, event_type, url, payload, headers_json, state, attempts, next_attempt_at, created_at)
        VALUES ($id, $job_id, $owner_key_id, $event_type, $url, $payload, $headers_json, 'pending', 0, $created_at, $created_at)
        """;

    private const string UpdateSetSql = """
        UPDATE jobs SET dialect = $dialect, status = $status, stage = $stage, progress = $progress, engine = $engine,
            model = $model, request_json = $request_json, upstream_ref = $upstream_ref, outputs_json = $outputs_json,
            error_code = $error_code, error_message = $error_message, credits = $credits, attempts = $attempts,
            updated_at = $updated_at, started_at = $started_at, completed_at = $completed_at, deadline_at = $deadline_at,
            next_run_at = $next_run_at, lease_owner = $lease_owner, lease_token = $lease_token, lease_until = $lease_until,
            external_id = $external_id, version = version + 1
        WHERE id = $id AND version = $version
        """;

    // Every column is written from the caller's record, so the stored row is that record with the new version:
    // returning only the version keeps row decoding off the single writer thread.
    private const string UpdateSql = $"{UpdateSetSql} RETURNING version";
    private const string FencedUpdateSql = $"{UpdateSetSql} AND lease_token = $fence RETURNING version";

    private const string EventsSql =
        $"SELECT {JobRows.EventColumns} FROM job_events WHERE job_id = $job_id AND seq > $after ORDER BY seq";

    private static readonly string[] ListSql =
        JobListSql.Build("1 = 1", '$', "instr(lower(coalesce(json_extract(request_json, '$.prompt'), '')), lower($prompt))");

    public Task MigrateAsync(CancellationToken ct) => database.MigrateAsync(ct);

    /// <summary>Readable and writable: an empty write goes through the writer, so a file locked by another process reports failing.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (!database.Read(0, static (s, _) => s.Command("SELECT 1").ExecuteScalar() is 1L)) return false;
        return await database.WriteAsync(0, static (_, _) => true, ct).WaitAsync(ct);
    }

    public Task<CreateResult> CreateAsync(VideoJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.WriteAsync(JobRows.Prepare(job), static (s, prepared) =>
        {
            var job = prepared.Job;
            if (SqliteKeyAdmission.Refusal(s, job) is { } refused) return new CreateResult(refused, job);
            var inserted = s.Command(InsertJobSql).BindJob(prepared).ExecuteNonQuery() == 1;
            if (inserted && !SqliteCreditLedger.TryReserve(s, job))
            {
                // Same transaction, nothing else written yet: the job never becomes visible.
                s.Command(DeleteRefusedJobSql).Bind("$id", job.Id).ExecuteNonQuery();
                return new CreateResult(CreateOutcome.InsufficientCredits, job);
            }
            if (inserted)
            {
                InsertEvent(s, job.Id, new NewJobEvent(JobEventTypes.Created, job.Status, job.Progress, job.CreatedAt));
                return new CreateResult(CreateOutcome.Created, JobRows.AsStored(job));
            }
            // Only the idempotency constraint is ignored on conflict (a duplicate id throws), so the row exists.
            var existing = SqliteJobRows.ReadJobs(s.Command(SelectByKeySql)
                .Bind("$owner", job.OwnerKeyId).Bind("$key", job.IdempotencyKey))[0];
            var outcome = string.Equals(existing.RequestHash, job.RequestHash, StringComparison.Ordinal)
                ? CreateOutcome.Existing
                : CreateOutcome.Conflict;
            return new CreateResult(outcome, existing);
        }, ct);
    }

    public Task<VideoJob?> GetAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(id, static (s, id) =>
        {
            using var reader = s.Command(SelectByIdSql).Bind("$id", id).ExecuteReader();
            return reader.Read() ? JobRows.ReadJob(reader) : null;
        }));
    }

    public Task<IReadOnlyList<VideoJob>> ListAsync(JobQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ct.ThrowIfCancellationRequested();
        if (query.Limit <= 0) return Task.FromResult<IReadOnlyList<VideoJob>>([]);
        return Task.FromResult<IReadOnlyList<VideoJob>>(database.Read(query, static (s, q) =>
        {
            var command = s.Command(ListSql[q.Shape]);
            if (q.OwnerKeyId is not null) command.Bind("$owner", q.OwnerKeyId);
            if (q.Status is { } status) command.Bind("$status", status.ToStoreName());
            if (q.BeforeId is not null) command.Bind("$before", q.BeforeId);
            if (q.Model is not null) command.Bind("$model", q.Model);
            if (q.Dialect is not null) command.Bind("$dialect", q.Dialect);
            if (q.CreatedFrom is { } from) command.Bind("$from", from);
            if (q.CreatedBefore is { } to) command.Bind("$to", to);
            if (!string.IsNullOrEmpty(q.PromptContains)) command.Bind("$prompt", q.PromptContains);
            command.Bind("$limit", q.Limit);
            return SqliteJobRows.ReadJobs(command);
        }));
    }

    public Task<VideoJob?> TryUpdateAsync(
        VideoJob updated,
        string? fenceToken,
        IReadOnlyList<NewJobEvent> events,
        IReadOnlyList<WebhookMessage> webhooks,
        CancellationToken ct) =>
        TryUpdateAsync(updated, fenceToken, events, webhooks, [], ct);

    public Task<VideoJob?> TryUpdateAsync(
        VideoJob updated,
        string? fenceToken,
        IReadOnlyList<NewJobEvent> events,
        IReadOnlyList<WebhookMessage> webhooks,
        IReadOnlyList<LedgerEntry> ledger,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(updated);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentNullException.ThrowIfNull(ledger);
        return database.WriteAsync((prepared: JobRows.Prepare(updated), fenceToken, events, webhooks, ledger), static (s, w) =>
        {
            var command = s.Command(w.fenceToken is null ? UpdateSql : FencedUpdateSql).BindJob(w.prepared);
            if (w.fenceToken is not null) command.Bind("$fence", w.fenceToken);
            if (command.ExecuteScalar() is not long version) return null;
            var stored = JobRows.AsStored(w.prepared.Job) with { Version = version };
            foreach (var e in w.events) InsertEvent(s, stored.Id, e);
            foreach (var m in w.webhooks) InsertOutbox(s, m);
            SqliteCreditLedger.Append(s, w.ledger);
            return stored;
        }, ct);
    }

    public Task<IReadOnlyList<JobEvent>> GetEventsAsync(string jobId, long afterSequence, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<JobEvent>>(database.Read((jobId, afterSequence), static (s, q) =>
        {
            var events = new List<JobEvent>();
            using var reader = s.Command(EventsSql).Bind("$job_id", q.jobId).Bind("$after", q.afterSequence).ExecuteReader();
            while (reader.Read()) events.Add(JobRows.ReadEvent(reader));
            return events;
        }));
    }

    /// <summary>Every status is present, with 0 when no job has it.</summary>
    public Task<int> CountInFlightAsync(string engine, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(engine, static (s, engine) =>
            Convert.ToInt32(s.Command($"SELECT COUNT(*) FROM jobs WHERE {NonTerminal} AND engine = $engine AND stage IN ('submitting', 'poll', 'ingest')")
                .Bind("$engine", engine).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)));
    }

    public Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyDictionary<JobStatus, long>>(database.Read(0, static (s, _) =>
        {
            var counts = Enum.GetValues<JobStatus>().ToDictionary(status => status, _ => 0L);
            using var reader = s.Command("SELECT status, COUNT(*) FROM jobs GROUP BY status").ExecuteReader();
            while (reader.Read()) counts[JobStatusExtensions.FromStoreName(reader.GetString(0))] = reader.GetInt64(1);
            return counts;
        }));
    }

    private static void InsertEvent(SqliteSession s, string jobId, NewJobEvent e) =>
        s.Command(InsertEventSql).Bind(JobRows.EventParameters(jobId, e)).ExecuteNonQuery();

    private static void InsertOutbox(SqliteSession s, WebhookMessage m) =>
        s.Command(InsertOutboxSql).Bind(OutboxRows.MessageParameters(m)).ExecuteNonQuery();
}
