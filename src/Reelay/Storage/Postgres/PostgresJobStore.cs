using Npgsql;
using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage.Rows;
using Reelay.Webhooks;

namespace Reelay.Storage.Postgres;

/// <summary>
/// <see cref="IJobStore"/> on a PostgreSQL database shared by many nodes. Writes are compare-and-set updates on
/// version (and the lease token when fenced) in READ COMMITTED transactions; claims lock due rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so concurrent claimers on any node take disjoint jobs without waiting on each
/// other. Times are kept at millisecond precision (UTC), exactly as the SQLite store keeps them.
/// </summary>
public sealed partial class PostgresJobStore(PostgresDatabase database) : IJobStore
{
    private const string NonTerminal = "status IN ('queued', 'running')";

    /// <summary>When a job became due: its next step, or its deadline if that is earlier. Matches ix_jobs_due.</summary>
    private const string Due = "LEAST(COALESCE(next_run_at, deadline_at), deadline_at)";

    private const string InsertJobSql = $"""
        INSERT INTO jobs ({JobRows.Columns}, external_id)
        VALUES (@id, @owner_key_id, @dialect, @status, @stage, @progress, @engine, @model, @request_json, @upstream_ref,
                @outputs_json, @error_code, @error_message, @credits, @attempts, @version, @created_at, @updated_at,
                @started_at, @completed_at, @deadline_at, @next_run_at, @lease_owner, @lease_token, @lease_until,
                @idempotency_key, @request_hash, @external_id)
        ON CONFLICT DO NOTHING
        """;

    private const string SelectByKeySql =
        $"SELECT {JobRows.Columns} FROM jobs WHERE owner_key_id = @owner AND idempotency_key = @key";

    private const string DeleteRefusedJobSql = "DELETE FROM job_events WHERE job_id = @id; DELETE FROM jobs WHERE id = @id";

    private const string SelectByIdSql = $"SELECT {JobRows.Columns} FROM jobs WHERE id = @id";

    // The job and its `created` event in one statement (1 row affected when the job was inserted; 0 on a replay).
    private const string InsertJobWithEventSql = $"""
        WITH job AS ({InsertJobSql}
            RETURNING id)
        INSERT INTO job_events (job_id, at, type, status, progress, detail)
        SELECT id, @created_at, @event_type, @status, @progress, NULL FROM job
        """;

    private const string InsertEventSql =
        "INSERT INTO job_events (job_id, at, type, status, progress, detail) VALUES (@job_id, @at, @type, @status, @progress, @detail)";

    private const string InsertOutboxSql = """
        INSERT INTO webhook_outbox (id, job_id, owner_key_id, event_type, url, payload, headers_json, state, attempts, next_attempt_at, created_at)
        VALUES (@id, @job_id, @owner_key_id, @event_type, @url, @payload, @headers_json, 'pending', 0, @created_at, @created_at)
        """;

    private const string UpdateSetSql = """
        UPDATE jobs SET dialect = @dialect, status = @status, stage = @stage, progress = @progress, engine = @engine,
            model = @model, request_json = @request_json, upstream_ref = @upstream_ref, outputs_json = @outputs_json,
            error_code = @error_code, error_message = @error_message, credits = @credits, attempts = @attempts,
            updated_at = @updated_at, started_at = @started_at, completed_at = @completed_at, deadline_at = @deadline_at,
            next_run_at = @next_run_at, lease_owner = @lease_owner, lease_token = @lease_token, lease_until = @lease_until,
            external_id = @external_id, version = version + 1
        WHERE id = @id AND version = @version
        """;

    private const string UpdateSql = $"{UpdateSetSql} RETURNING version";
    private const string FencedUpdateSql = $"{UpdateSetSql} AND lease_token = @fence RETURNING version";

    private const string EventsSql =
        $"SELECT {JobRows.EventColumns} FROM job_events WHERE job_id = @job_id AND seq > @after ORDER BY seq";

    private static readonly string[] ListSql =
        JobListSql.Build("TRUE", '@', "strpos(lower(coalesce(request_json::jsonb ->> 'prompt', '')), lower(@prompt))");

    public Task MigrateAsync(CancellationToken ct) => database.MigrateAsync(ct);

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        try
        {
            return await database.RunAsync(0, static async (c, _, ct) =>
                await c.Command("SELECT 1").ScalarAsync(ct).ConfigureAwait(false) is 1, ct).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>A created job that is due wakes the schedulers of every node (NOTIFY on commit).</summary>
    public Task<CreateResult> CreateAsync(VideoJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        return database.InTransactionAsync(JobRows.Prepare(job), static async (c, prepared, ct) =>
        {
            var job = prepared.Job;
            if (await PostgresKeyAdmission.RefusalAsync(c, job, ct).ConfigureAwait(false) is { } refused) return new CreateResult(refused, job);
            var inserted = await c.Command(InsertJobWithEventSql).Bind(JobRows.Parameters(prepared)).Bind("event_type", JobEventTypes.Created)
                .RunAsync(ct).ConfigureAwait(false) == 1;
            if (inserted)
            {
                // One round trip for the wake-up and the reservation, which goes last before commit (see AddReservation).
                var batch = c.Batch();
                if (IsQueued(job)) PostgresWakeup.AddTo(batch, PostgresDatabase.JobsChannel);
                var reservation = PostgresCreditLedger.AddReservation(batch, job);
                await batch.RunAsync(ct).ConfigureAwait(false);
                if (reservation is { RecordsAffected: not 1 })
                {
                    // Same transaction: the job and its event never become visible (the queued NOTIFY only wakes a scheduler for nothing).
                    await c.Command(DeleteRefusedJobSql).Bind("id", job.Id).RunAsync(ct).ConfigureAwait(false);
                    return new CreateResult(CreateOutcome.InsufficientCredits, job);
                }
                return new CreateResult(CreateOutcome.Created, JobRows.AsStored(job));
            }
            if (job.IdempotencyKey is not null)
            {
                var byKey = (await c.Command(SelectByKeySql).Bind("owner", job.OwnerKeyId).Bind("key", job.IdempotencyKey)
                    .ReadAsync(JobRows.ReadJobs, ct).ConfigureAwait(false)).SingleOrDefault();
                if (byKey is not null)
                {
                    // Our own id under the key: a retry whose first try committed before its answer was lost.
                    var outcome = byKey.Id == job.Id ? CreateOutcome.Created
                        : string.Equals(byKey.RequestHash, job.RequestHash, StringComparison.Ordinal) ? CreateOutcome.Existing
                        : CreateOutcome.Conflict;
                    return new CreateResult(outcome, byKey);
                }
            }
            return new CreateResult(CreateOutcome.Created, await CommittedByEarlierTryAsync(c, prepared, ct).ConfigureAwait(false));
        }, ct);
    }

    public Task<VideoJob?> GetAsync(string id, CancellationToken ct) =>
        database.RunAsync(id, static (c, id, ct) =>
            c.Command(SelectByIdSql).Bind("id", id).ReadAsync(r => r.Read() ? JobRows.ReadJob(r) : null, ct), ct);

    public async Task<IReadOnlyList<VideoJob>> ListAsync(JobQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit <= 0) return [];
        return await database.RunAsync(query, static (c, q, ct) =>
        {
            var command = c.Command(ListSql[q.Shape]);
            if (q.OwnerKeyId is not null) command.Bind("owner", q.OwnerKeyId);
            if (q.Status is { } status) command.Bind("status", status.ToStoreName());
            if (q.BeforeId is not null) command.Bind("before", q.BeforeId);
            if (q.Model is not null) command.Bind("model", q.Model);
            if (q.Dialect is not null) command.Bind("dialect", q.Dialect);
            if (q.CreatedFrom is { } from) command.Bind("from", from);
            if (q.CreatedBefore is { } to) command.Bind("to", to);
            if (!string.IsNullOrEmpty(q.PromptContains)) command.Bind("prompt", q.PromptContains);
            command.Bind("limit", q.Limit);
            return command.ReadAsync(JobRows.ReadJobs, ct);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A write that hands the job back to the queue (unleased, with a next run) wakes every node's scheduler, and
    /// one that adds webhook messages wakes every dispatcher (NOTIFY on commit).
    /// </summary>
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
        return database.InTransactionAsync((prepared: JobRows.Prepare(updated), fenceToken, events, webhooks, ledger), static async (c, w, ct) =>
        {
            var command = c.Command(w.fenceToken is null ? UpdateSql : FencedUpdateSql).Bind(JobRows.Parameters(w.prepared));
            if (w.fenceToken is not null) command.Bind("fence", w.fenceToken);
            if (await command.ScalarAsync(ct).ConfigureAwait(false) is not long version) return null;
            var stored = JobRows.AsStored(w.prepared.Job) with { Version = version };
            // Everything the transition writes besides the row, in one round trip.
            var batch = c.Batch();
            foreach (var e in w.events) batch.Add(InsertEventSql).Bind(JobRows.EventParameters(stored.Id, e));
            foreach (var m in w.webhooks) batch.Add(InsertOutboxSql).Bind(OutboxRows.MessageParameters(m));
            if (IsQueued(stored)) PostgresWakeup.AddTo(batch, PostgresDatabase.JobsChannel);
            if (w.webhooks.Count > 0) PostgresWakeup.AddTo(batch, PostgresDatabase.WebhooksChannel);
            // Last before commit: a refund of a metered key locks its account row, which every create of the key waits for.
            PostgresCreditLedger.AddEntries(batch, w.ledger);
            await batch.RunAsync(ct).ConfigureAwait(false);
            return (VideoJob?)stored;
        }, ct);
    }

    public async Task<IReadOnlyList<JobEvent>> GetEventsAsync(string jobId, long afterSequence, CancellationToken ct) =>
        await database.RunAsync((jobId, afterSequence), static (c, q, ct) =>
            c.Command(EventsSql).Bind("job_id", q.jobId).Bind("after", q.afterSequence).ReadAsync(r =>
            {
                var events = new List<JobEvent>();
                while (r.Read()) events.Add(JobRows.ReadEvent(r));
                return events;
            }, ct), ct).ConfigureAwait(false);

    public async Task<int> CountInFlightAsync(string engine, CancellationToken ct) =>
        Convert.ToInt32(await database.RunAsync(engine, static (c, engine, ct) =>
            c.Command($"SELECT COUNT(*) FROM jobs WHERE {NonTerminal} AND engine = @engine AND stage IN ('submitting', 'poll', 'ingest')")
                .Bind("engine", engine).ScalarAsync(ct), ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every status is present, with 0 when no job has it.</summary>
    public async Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(CancellationToken ct) =>
        await database.RunAsync(0, static (c, _, ct) =>
            c.Command("SELECT status, COUNT(*) FROM jobs GROUP BY status").ReadAsync(r =>
            {
                var counts = Enum.GetValues<JobStatus>().ToDictionary(status => status, _ => 0L);
                while (r.Read()) counts[JobStatusExtensions.FromStoreName(r.GetString(0))] = r.GetInt64(1);
                return counts;
            }, ct), ct).ConfigureAwait(false);

    /// <summary>
    /// The id itself conflicted. Ids are fresh UUIDv7s, so that happens when a retried create finds its first try's
    /// committed row (the commit's answer was lost); any other row under the id is a caller error, as in SQLite.
    /// </summary>
    private static async Task<VideoJob> CommittedByEarlierTryAsync(NpgsqlConnection c, PreparedJob prepared, CancellationToken ct)
    {
        var job = prepared.Job;
        var stored = await c.Command(SelectByIdSql).Bind("id", job.Id).ReadAsync(r => r.Read() ? JobRows.ReadJob(r) : null, ct).ConfigureAwait(false);
        if (stored is not null && stored.OwnerKeyId == job.OwnerKeyId && stored.CreatedAt == JobRows.AsStored(job).CreatedAt
            && JobRows.Prepare(stored).RequestJson == prepared.RequestJson)
            return stored;
        throw new InvalidOperationException($"a different job with id {job.Id} already exists");
    }

    /// <summary>Waiting in the queue for any node to claim it: non-terminal, unleased, with a next run.</summary>
    private static bool IsQueued(VideoJob job) =>
        job.Status is JobStatus.Queued or JobStatus.Running && job.LeaseToken is null && job.NextRunAt is not null;
}
