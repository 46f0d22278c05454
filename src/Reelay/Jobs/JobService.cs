using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Credits;
using Reelay.Upstreams;
using Reelay.Hosting;
using Reelay.Media;
using Reelay.Scheduling;
using Reelay.Storage;

namespace Reelay.Jobs;

/// <summary>
/// Creating, reading and canceling jobs on behalf of a key — the one path every dialect and the CLI use.
/// Ownership is enforced here: a key sees only its own jobs (admins see all); others' ids look absent.
/// </summary>
public sealed class JobService(
    IJobStore store,
    VideoRequestValidator validator,
    ImageInputResolver images,
    UpstreamRouter router,
    JobTransitions transitions,
    JobWriter writer,
    SchedulerSignal signal,
    JobChangeNotifier notifier,
    PriceTable prices,
    TimeProvider time,
    IOptions<ReelayOptions> options)
{
    private static readonly JsonSerializerOptions HashJson = new(JsonSerializerDefaults.General);
    private readonly TimeSpan _deadline = options.Value.Scheduler.JobDeadline;

    public async Task<CreateJobOutcome> CreateAsync(CreateJobCommand command, CancellationToken ct)
    {
        var request = command.Request;
        var errors = validator.Validate(request);
        if (!errors.IsEmpty) return CreateJobOutcome.Invalid(errors);

        // Hash the request as the caller sent it (before images are fetched), so a replay is recognised cheaply.
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, HashJson)));

        if (request.StartImage is { Length: > 0 } start)
        {
            var resolved = await images.ResolveAsync(start, ct).ConfigureAwait(false);
            if (resolved.Error is not null) errors.Add("start_image", resolved.Error);
            else request = request with { StartImage = resolved.Reference };
        }
        if (request.EndImage is { Length: > 0 } end)
        {
            var resolved = await images.ResolveAsync(end, ct).ConfigureAwait(false);
            if (resolved.Error is not null) errors.Add("end_image", resolved.Error);
            else request = request with { EndImage = resolved.Reference };
        }
        if (!errors.IsEmpty) return CreateJobOutcome.Invalid(errors);

        var now = time.GetUtcNow();
        var job = new VideoJob
        {
            Id = JobIds.New(now),
            OwnerKeyId = command.OwnerKeyId.ToString(),
            Request = request,
            Dialect = command.Dialect,
            Engine = router.Choose(request),
            CreatedAt = now,
            UpdatedAt = now,
            DeadlineAt = now + _deadline,
            NextRunAt = now,
            IdempotencyKey = command.IdempotencyKey,
            RequestHash = hash,
            // Snapshotted: later price changes do not alter what this job costs.
            Credits = prices.PriceOf(request),
        };
        var result = await store.CreateAsync(job, ct).ConfigureAwait(false);
        if (result.Outcome == CreateOutcome.Created) signal.Kick();
        return new CreateJobOutcome(result.Outcome, result.Job, null);
    }

    /// <summary>The job if <paramref name="caller"/> may see it, else null (absent and foreign look the same).</summary>
    public async Task<VideoJob?> GetAsync(string id, ApiKey caller, CancellationToken ct)
    {
        if (!IsPlausibleId(id)) return null;
        var job = await store.GetAsync(id, ct).ConfigureAwait(false);
        return job is not null && MayAccess(caller, job) ? job : null;
    }

    public Task<IReadOnlyList<VideoJob>> ListAsync(ApiKey caller, JobStatus? status, string? beforeId, int limit, CancellationToken ct) =>
        store.ListAsync(new JobQuery(caller.Role == ApiKeyRole.Admin ? null : caller.Id.ToString(), status, beforeId, limit), ct);

    /// <summary>
    /// A page of jobs with any filters of <paramref name="query"/>; a user key is always limited to its own jobs,
    /// whatever owner the query names (an admin's query may name any owner, or none for all).
    /// </summary>
    public Task<IReadOnlyList<VideoJob>> ListAsync(ApiKey caller, JobQuery query, CancellationToken ct) =>
        store.ListAsync(caller.Role == ApiKeyRole.Admin ? query : query with { OwnerKeyId = caller.Id.ToString() }, ct);

    /// <summary>
    /// Cancels a queued or running job. Races with the scheduler are settled by compare-and-set: the
    /// scheduler's next fenced write fails and it stops the engine step.
    /// </summary>
    public async Task<(CancelOutcome Outcome, VideoJob? Job)> CancelAsync(string id, ApiKey caller, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var job = await GetAsync(id, caller, ct).ConfigureAwait(false);
            if (job is null) return (CancelOutcome.NotFound, null);
            if (job.Status.IsTerminal()) return (CancelOutcome.AlreadyTerminal, job);
            var t = transitions.Cancel(job, time.GetUtcNow());
            var stored = await writer.CommitAsync(t, null, ct).ConfigureAwait(false);
            if (stored is not null) return (CancelOutcome.Canceled, stored);
        }
        throw new InvalidOperationException($"could not cancel job {id}: it kept changing");
    }

    /// <summary>Waits until the job is terminal or <paramref name="maxWait"/> passes; returns its latest state.</summary>
    public async Task<VideoJob> WaitAsync(VideoJob job, TimeSpan maxWait, CancellationToken ct)
    {
        var until = time.GetUtcNow() + maxWait;
        while (!job.Status.IsTerminal())
        {
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero) break;
            // Another node may finish it without notifying us: re-read at least every 500 ms.
            await notifier.WaitAsync(job.Id, left < TimeSpan.FromMilliseconds(500) ? left : TimeSpan.FromMilliseconds(500), time, ct).ConfigureAwait(false);
            job = await store.GetAsync(job.Id, ct).ConfigureAwait(false) ?? job;
        }
        return job;
    }

    public static bool MayAccess(ApiKey caller, VideoJob job) =>
        caller.Role == ApiKeyRole.Admin || string.Equals(job.OwnerKeyId, caller.Id.ToString(), StringComparison.Ordinal);

    private static bool IsPlausibleId(string id) => id.Length is > 0 and <= 64;
}
