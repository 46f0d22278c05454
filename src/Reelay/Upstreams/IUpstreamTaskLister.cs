namespace Reelay.Upstreams;

/// <summary>
/// An upstream engine whose API lists its tasks newest first, so one call reports on hundreds of tasks (Kling:
/// <c>GET /v1/videos/{kind}?pageNum&amp;pageSize</c>). <see cref="UpstreamSweepService"/> uses it to notice finished
/// tasks within a second or two without one status query per task per second.
/// </summary>
public interface IUpstreamTaskLister
{
    /// <summary>
    /// Reads pages newest first until a task created before <paramref name="createdSince"/>, the end of the list, or
    /// <paramref name="maxPages"/> pages (each page asks <paramref name="takePage"/> first; false stops the sweep, e.g.
    /// when the status-query budget is spent). Reports the job ids of tasks that finished (success or failure) at or
    /// after <paramref name="finishedSince"/> on the upstream's clock. Never throws for upstream trouble.
    /// </summary>
    Task<UpstreamSweep> SweepAsync(DateTimeOffset createdSince, DateTimeOffset finishedSince, int maxPages, Func<bool> takePage, CancellationToken ct);
}
