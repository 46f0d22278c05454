using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Providers.Kling;

/// <summary>
/// Finds a caller's tasks of one kind. A query id that is no task id is looked up as the caller's
/// <c>external_task_id</c> by scanning the caller's newest <see cref="MaxScanned"/> jobs (no store index on it
/// yet); lists page over the caller's jobs of that kind, newest first, so deep pages cost their offset.
/// </summary>
public sealed class KlingTaskFinder(JobService jobs, IJobStore store)
{
    public const int MaxScanned = 10_000;
    private const int Batch = 500;

    public async Task<VideoJob?> FindAsync(string kind, string id, ApiKey caller, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, caller, ct).ConfigureAwait(false);
        if (job is not null) return KlingTaskMapper.KindOf(job) == kind ? job : null;
        if (id.Length is 0 or > VideoRequestValidator.MaxExternalIdLength) return null;
        await foreach (var candidate in OwnJobsAsync(caller, MaxScanned, ct).ConfigureAwait(false))
        {
            if (string.Equals(candidate.Request.ExternalId, id, StringComparison.Ordinal))
                return KlingTaskMapper.KindOf(candidate) == kind ? candidate : null;
        }
        return null;
    }

    /// <summary>Page <paramref name="pageNum"/> (1-based) of the caller's tasks of <paramref name="kind"/>.</summary>
    public async Task<IReadOnlyList<VideoJob>> PageAsync(string kind, ApiKey caller, int pageNum, int pageSize, CancellationToken ct)
    {
        var skip = (long)(pageNum - 1) * pageSize;
        var page = new List<VideoJob>(pageSize);
        await foreach (var job in OwnJobsAsync(caller, int.MaxValue, ct).ConfigureAwait(false))
        {
            if (KlingTaskMapper.KindOf(job) != kind) continue;
            if (skip > 0) { skip--; continue; }
            page.Add(job);
            if (page.Count == pageSize) break;
        }
        return page;
    }

    /// <summary>The caller's own jobs (also for admins: Kling lists are per account), newest first.</summary>
    private async IAsyncEnumerable<VideoJob> OwnJobsAsync(ApiKey caller, int max, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? before = null;
        var seen = 0;
        while (seen < max)
        {
            var batch = await store.ListAsync(new JobQuery(caller.Id.ToString(), null, before, Batch), ct).ConfigureAwait(false);
            foreach (var job in batch)
            {
                if (seen++ >= max) yield break;
                yield return job;
            }
            if (batch.Count < Batch) yield break;
            before = batch[^1].Id;
        }
    }
}
