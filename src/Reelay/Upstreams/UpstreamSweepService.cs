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
/// while jobs are in flight on the upstream. Every node sweeps on its own (N nodes send N × the list calls).
/// </para>
/// </summary>
public sealed partial class UpstreamSweepService(
    UpstreamRouter router,
    IJobStore store,
    UpstreamCallbackHints hints,
    IOptions<ReelayOptions> options,
    TimeProvider time,
    ILogger<UpstreamSweepService> logger) : BackgroundService
{
    /// <summary>Allowance for the upstream's clock differing from ours, and for tasks finishing while a sweep reads.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);
    private const int HintParallelism = 32;

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
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(definition.SweepInterval, time, stop).ConfigureAwait(false);
                var startedAt = time.GetUtcNow();
                if (await store.CountInFlightAsync(upstream.Name, stop).ConfigureAwait(false) == 0)
                {
                    // Nothing of ours is out there: the next task to watch will be created after this moment.
                    createdSince = finishedSince = startedAt - Slack;
                    continue;
                }
                var sweep = await lister.SweepAsync(createdSince, finishedSince, definition.SweepMaxPages, upstream.Budget.TryTakeNow, stop)
                    .ConfigureAwait(false);
                var fresh = recent.Filter(sweep.FinishedJobIds, startedAt, definition.SweepInterval + Slack + Slack);
                await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = HintParallelism, CancellationToken = stop },
                    async (jobId, ct) => await hints.QueryNowAsync(jobId, ct).ConfigureAwait(false)).ConfigureAwait(false);
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

    [LoggerMessage(EventId = 3901, Level = LogLevel.Warning, Message = "Task-list sweep of upstream {Upstream} stopped early: {Error}; planned polls continue")]
    private static partial void LogSweepFailed(ILogger logger, string upstream, string error);

    [LoggerMessage(EventId = 3902, Level = LogLevel.Warning, Message = "Task-list sweep of upstream {Upstream} failed; planned polls continue")]
    private static partial void LogSweepError(ILogger logger, string upstream, Exception error);
}
