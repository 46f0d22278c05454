using Reelay.Providers.Kling.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>Kling lists each kind's tasks newest first, 500 a page: one call reports on 500 tasks.</summary>
public sealed partial class KlingEngine : IUpstreamTaskLister
{
    private const int SweepPageSize = KlingEndpoints.MaxPageSize;

    public async Task<UpstreamSweep> SweepAsync(DateTimeOffset createdSince, DateTimeOffset finishedSince, int maxPages, Func<bool> takePage,
        CancellationToken ct)
    {
        var finished = new List<string>();
        DateTimeOffset? oldestUnfinished = null;
        var calls = 0;
        var reached = true;
        string? error = null;
        var createdSinceMs = createdSince.ToUnixTimeMilliseconds();
        var finishedSinceMs = finishedSince.ToUnixTimeMilliseconds();
        foreach (var kind in (string[])[KlingTaskKinds.Text2Video, KlingTaskKinds.Image2Video])
        {
            for (var page = 1; ; page++)
            {
                if (page > Math.Min(maxPages, KlingEndpoints.MaxPageNum) || !takePage())
                {
                    reached = false;
                    break;
                }
                calls++;
                var answer = await _api.ListAsync(kind, page, SweepPageSize, ct).ConfigureAwait(false);
                if (answer.Tasks is not { } tasks)
                {
                    error ??= $"Kling upstream '{Name}' {answer.Message}";
                    reached = false;
                    break;
                }
                var older = false;
                foreach (var task in tasks)
                {
                    if (task.CreatedAt < createdSinceMs)
                    {
                        older = true;
                        continue;
                    }
                    var done = task.TaskStatus is KlingTaskStatus.Succeed or KlingTaskStatus.Failed;
                    if (!done)
                    {
                        var created = DateTimeOffset.FromUnixTimeMilliseconds(task.CreatedAt);
                        if (oldestUnfinished is null || created < oldestUnfinished) oldestUnfinished = created;
                    }
                    else if (task.UpdatedAt >= finishedSinceMs && task.TaskInfo?.ExternalTaskId is { Length: > 0 } jobId)
                    {
                        finished.Add(jobId);
                    }
                }
                // Newest first: once a page reaches past the horizon, every later page is older still.
                if (older || tasks.Count < SweepPageSize) break;
            }
        }
        return new UpstreamSweep(finished, oldestUnfinished, reached, calls, error);
    }
}
