using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Storage;

/// <summary>
/// Durable job state; the store is also the work queue. Implementations: SQLite (embedded) and
/// PostgreSQL (cluster). Both must pass <c>JobStoreContract</c> in the tests.
/// Guarantees every implementation keeps:
/// <list type="bullet">
/// <item>Every write is a compare-and-set on <see cref="VideoJob.Version"/>; a stale writer gets <c>false</c>/<c>null</c>, never an overwrite.</item>
/// <item>Events and outbox rows passed with a write commit in the same transaction as the job row.</item>
/// <item>A job is leased to at most one owner at a time; an expired lease can be claimed by anyone.</item>
/// </list>
/// </summary>
public interface IJobStore
{
    /// <summary>Applies pending migrations. Idempotent; safe to call from several nodes at once.</summary>
    Task MigrateAsync(CancellationToken ct);

    /// <summary>Cheap reachability check for /readyz.</summary>
    Task<bool> PingAsync(CancellationToken ct);

    /// <summary>
    /// Inserts a new job with its <c>created</c> event. With an idempotency key, (owner, key) is unique:
    /// a second insert returns the existing job instead (same hash → <see cref="CreateOutcome.Existing"/>,
    /// different hash → <see cref="CreateOutcome.Conflict"/>) and reserves nothing. A job with a price
    /// (<see cref="VideoJob.Credits"/>) reserves it from the owner's account in the same transaction; when the
    /// account is limited and short, nothing is stored (<see cref="CreateOutcome.InsufficientCredits"/>).
    /// The owner key's limits (api_keys row; none when there is no row) are checked in the same transaction:
    /// a model outside its allowed models is refused, and so is a job that would take the key past its
    /// max concurrent jobs — counted atomically with the insert, so the limit holds across nodes. A replay
    /// of a stored idempotency key is answered as above, never refused.
    /// </summary>
    Task<CreateResult> CreateAsync(VideoJob job, CancellationToken ct);

    Task<VideoJob?> GetAsync(string id, CancellationToken ct);

    /// <summary>Jobs of one owner (null = all owners), newest first, strictly older than <paramref name="beforeId"/> when given.</summary>
    Task<IReadOnlyList<VideoJob>> ListAsync(JobQuery query, CancellationToken ct);

    /// <summary>
    /// Writes <paramref name="updated"/> if the stored row still has <c>updated.Version</c>; the stored
    /// version becomes Version + 1. When <paramref name="fenceToken"/> is given the stored lease token
    /// must equal it as well. Events and webhook messages commit with the row or not at all.
    /// Returns the stored job, or null when the compare-and-set lost.
    /// </summary>
    Task<VideoJob?> TryUpdateAsync(
        VideoJob updated,
        string? fenceToken,
        IReadOnlyList<NewJobEvent> events,
        IReadOnlyList<WebhookMessage> webhooks,
        CancellationToken ct);

    /// <summary>
    /// <see cref="TryUpdateAsync(VideoJob, string?, IReadOnlyList{NewJobEvent}, IReadOnlyList{WebhookMessage}, CancellationToken)"/>
    /// that also appends <paramref name="ledger"/> entries and moves their keys' balances in the same transaction, only
    /// when the write wins. A settle or refund of a job that already has one is dropped (unique per job), balance included.
    /// </summary>
    Task<VideoJob?> TryUpdateAsync(
        VideoJob updated,
        string? fenceToken,
        IReadOnlyList<NewJobEvent> events,
        IReadOnlyList<WebhookMessage> webhooks,
        IReadOnlyList<LedgerEntry> ledger,
        CancellationToken ct);

    /// <summary>
    /// Leases up to <paramref name="max"/> non-terminal jobs that are due (next_run_at ≤ now, or past
    /// their deadline) and not leased by a live owner. Each claimed job gets a fresh lease token,
    /// lease_until = now + lease, attempts + 1 and version + 1. Oldest due first.
    /// </summary>
    Task<IReadOnlyList<VideoJob>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int max, CancellationToken ct);

    /// <summary>Extends a lease still held with <paramref name="leaseToken"/>; false when it was lost (canceled, expired and re-claimed).</summary>
    Task<bool> RenewLeaseAsync(string jobId, string leaseToken, DateTimeOffset until, CancellationToken ct);

    /// <summary>Clears leases that expired before <paramref name="now"/> so the jobs are visibly unowned; returns how many.</summary>
    Task<int> ReleaseExpiredLeasesAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Clears every lease held by <paramref name="owner"/>, expired or not, so those jobs are claimable at once; returns
    /// how many. Called by a node starting again under its previous identity: the steps its leases belonged to died with it.
    /// </summary>
    Task<int> ReleaseLeasesOfAsync(string owner, CancellationToken ct);

    /// <summary>
    /// After the wall clock stepped back by |<paramref name="by"/>|: moves every non-terminal job's next step that lies
    /// after <paramref name="now"/> by <paramref name="by"/> (earlier), so work meant for "in a few seconds" is not left
    /// waiting for the size of the step. Leases and versions are untouched (a running step's own commit still applies
    /// and writes its next step on the new clock). Returns how many jobs moved.
    /// </summary>
    Task<int> ShiftScheduleAsync(DateTimeOffset now, TimeSpan by, CancellationToken ct);

    /// <summary>Earliest next_run_at among unleased non-terminal jobs, to sleep exactly until then.</summary>
    Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct);

    /// <summary>Timeline of one job, in sequence order, after <paramref name="afterSequence"/>.</summary>
    Task<IReadOnlyList<JobEvent>> GetEventsAsync(string jobId, long afterSequence, CancellationToken ct);

    /// <summary>
    /// Non-terminal jobs of <paramref name="engine"/> that reached the engine (stage submitting, poll or ingest):
    /// what an upstream's concurrency limit counts, across every node sharing the store.
    /// </summary>
    Task<int> CountInFlightAsync(string engine, CancellationToken ct);

    /// <summary>Counts by status (for /metrics and the doctor).</summary>
    Task<IReadOnlyDictionary<JobStatus, long>> CountByStatusAsync(CancellationToken ct);
}
