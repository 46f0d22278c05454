using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Upstreams;

/// <summary>
/// Notices finished upstream tasks by reading the upstream's task list (where its API has one, see
/// <see cref="IUpstreamTaskLister"/>) every <see cref="UpstreamDefinition.SweepInterval"/>, and hurries each one's
/// job to an immediate status query, exactly as a callback does (<see cref="UpstreamCallbackHints"/>): the list is a
/// hint, the job's own query is what counts. Per-task polling alone must trade detection lag against status calls
/// (the planner's geometric spacing leaves a lag of up to half a job's age); one list page reports on 500 tasks, so
/// the lag falls to about one interval for a fraction of a call per job.
/// <para>
/// Guarantees: a sweep only ever moves a job's next query earlier, so a failed, partial or skipped sweep delays
/// detection to the planned polls and loses nothing. Each sweep reads back to the oldest task that was unfinished in
/// the previous one (a task is listed by creation, but may finish long after), and asks about tasks finished since
/// the previous complete sweep began, less <see cref="Slack"/> for clock skew between Reelay and the upstream. Each
/// page takes a token from the upstream's status-query budget; a spent budget ends the sweep early. Sweeps run only
/// while jobs are in flight on the upstream. In a cluster one node at a time sweeps each upstream, holding a named
/// lease in the store (<see cref="IRetentionStore.TryAcquireTaskLeaseAsync"/>) renewed every sweep; hints are writes
/// to the shared store, so every node's scheduler acts on them. When the sweeping node dies, another takes the lease
/// after <see cref="LeaseFor"/> and reads back over what finished meanwhile.
/// </para>
/// </summary>
public sealed partial class UpstreamSweepService(
    UpstreamRouter router,
    IJobStore store,
    UpstreamCallbackHints hints,
    IRetentionStore leases,
    NodeIdentity node,
    IOptions<ReelayOptions> options,
    TimeProvider time,
    ILogger<UpstreamSweepService> logger) : BackgroundService
{
    /// <summary>Allowance for the upstream's clock differing from ours, and for tasks finishing while a sweep reads.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);
    private const int HintParallelism = 32;

    /// <summary>How long a node's claim to sweep an upstream lasts without renewal (renewed every sweep).</summary>
    public static TimeSpan LeaseFor(TimeSpan sweepInterval) => sweepInterval * 5 + TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Scheduler.Enabled) return Task.CompletedTask;
        var sweepers = router.Upstreams
            .Where(u => u.TaskLister is not null && u.Definition.SweepInterval > TimeSpan.Zero)
            .Select(u => Task.Run(() => RunAsync(u, stoppingToken), stoppingToken))
            .ToArray();
        return Task.WhenAll(sweepers);
    }

    private async Task RunAsync(ResilientUpstreamEngine upstream, CancellationToken stop)
    {
        var definition = upstream.Definition;
        var lister = upstream.TaskLister!;
        var now = time.GetUtcNow();
        var createdSince = now - definition.SweepLookback;
        var finishedSince = now - definition.SweepLookback;
        var recent = new RecentlyHinted();
        string? lastError = null;
        var nextSweepAt = now + definition.SweepInterval;
        var lease = LeaseFor(definition.SweepInterval);
        Task hinting = Task.CompletedTask;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Sweeps start one interval apart (start to start): a long read does not stretch the cycle by its own length.
                    var wait = nextSweepAt - time.GetUtcNow();
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stop).ConfigureAwait(false);
                    var startedAt = time.GetUtcNow();
                    nextSweepAt = startedAt + definition.SweepInterval;
                    if (!await leases.TryAcquireTaskLeaseAsync("upstream-sweep:" + upstream.Name, node.Id, startedAt, lease, stop).ConfigureAwait(false))
                    {
                        // Another node sweeps. Should it die, this one reads back over everything still unfinished and
                        // asks about tasks finished since that node's last possible sweep.
                        createdSince = startedAt - definition.SweepLookback;
                        finishedSince = startedAt - lease - definition.SweepInterval - Slack;
                        continue;
                    }
                    if (await store.CountInFlightAsync(upstream.Name, stop).ConfigureAwait(false) == 0)
                    {
                        // Nothing of ours is out there: the next task to watch will be created after this moment.
                        createdSince = finishedSince = startedAt - Slack;
                        continue;
                    }
                    var sweep = await lister.SweepAsync(createdSince, finishedSince, definition.SweepMaxPages, upstream.Budget.TryTakeNow, stop)
                        .ConfigureAwait(false);
                    var readMs = (long)(time.GetUtcNow() - startedAt).TotalMilliseconds;
                    // The previous sweep's hints finish first (bounding the store writes in flight), then this sweep's run
                    // while the next one reads.
                    await hinting.ConfigureAwait(false);
                    var fresh = recent.Filter(sweep.FinishedJobIds, startedAt, definition.SweepInterval + Slack + Slack);
                    hinting = HintAllAsync(fresh, stop);
                    LogSwept(logger, upstream.Name, sweep.Calls, sweep.FinishedJobIds.Count, fresh.Count, readMs);
                    if (sweep.ReachedHorizon)
                    {
                        // Complete: the next sweep reads back only to the oldest task still unfinished, and asks only about
                        // tasks finished since this one began. Partial: the same window again.
                        createdSince = (sweep.OldestUnfinishedCreatedAt ?? startedAt) - Slack;
                        finishedSince = startedAt - Slack;
                    }
                    if (sweep.Error != lastError && sweep.Error is not null) LogSweepFailed(logger, upstream.Name, sweep.Error);
                    lastError = sweep.Error;
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A store hiccup: the planned polls still come; try again next interval.
                    LogSweepError(logger, upstream.Name, ex);
                }
            }
        }
        finally
        {
            try { await hinting.ConfigureAwait(false); }
            catch (OperationCanceledException) { /* shutting down */ }
        }
    }

    /// <summary>Hurries each job to a query; a hint that fails only leaves that job to its planned poll.</summary>
    private async Task HintAllAsync(IReadOnlyList<string> jobIds, CancellationToken stop)
    {
        if (jobIds.Count == 0) return;
        try
        {
            await Parallel.ForEachAsync(jobIds, new ParallelOptions { MaxDegreeOfParallelism = HintParallelism, CancellationToken = stop },
                async (jobId, ct) => await hints.QueryNowAsync(jobId, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogSweepError(logger, "(hints)", ex);
        }
    }

    [LoggerMessage(EventId = 3903, Level = LogLevel.Debug,
        Message = "Swept upstream {Upstream}: {Pages} pages in {ReadMs} ms, {Finished} finished tasks, {Hinted} hurried to a query")]
    private static partial void LogSwept(ILogger logger, string upstream, int pages, int finished, int hinted, long readMs);

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "Task-list sweep of upstream {Upstream} stopped early: {Error}; planned polls continue")]
    private static partial void LogSweepFailed(ILogger logger, string upstream, string error);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Warning, Message = "Task-list sweep of upstream {Upstream} failed; planned polls continue")]
    private static partial void LogSweepError(ILogger logger, string upstream, Exception error);
}
