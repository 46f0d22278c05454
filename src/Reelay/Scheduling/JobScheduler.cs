using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>
/// Claims due jobs from the store with fenced leases and runs their next engine step, at most
/// <see cref="SchedulerOptions.MaxConcurrency"/> at once. Sleeps until the next job is due, a local kick,
/// or the idle interval (which also picks up work other nodes created or abandoned). On shutdown, running
/// steps give their leases back.
/// </summary>
public sealed partial class JobScheduler(
    IJobStore store,
    JobStepRunner runner,
    SchedulerSignal signal,
    NodeIdentity node,
    TimeProvider time,
    IOptions<ReelayOptions> options,
    ILogger<JobScheduler> logger) : BackgroundService
{
    private readonly SchedulerOptions _options = options.Value.Scheduler;
    private readonly List<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled) return;
        var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = 1;
                while (slots.Wait(0)) free++;

                IReadOnlyList<Jobs.VideoJob> claimed;
                try
                {
                    claimed = await store.ClaimDueAsync(node.Id, time.GetUtcNow(), _options.LeaseDuration, free, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogClaimFailed(logger, ex);
                    claimed = [];
                }

                foreach (var job in claimed)
                {
                    var task = RunOneAsync(job, slots, stoppingToken);
                    lock (_running) _running.Add(task);
                }
                var unused = free - claimed.Count;
                if (unused > 0) slots.Release(unused);
                if (claimed.Count > 0 && unused == 0) continue; // there may be more due work

                await signal.WaitAsync(await IdleDelayAsync(stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Task[] pending;
            lock (_running) pending = [.. _running];
            await Task.WhenAll(pending);
        }
    }

    private async Task RunOneAsync(Jobs.VideoJob job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await runner.RunAsync(job, stoppingToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The lease will expire and the job will be retried; nothing is lost.
            LogStepCrashed(logger, job.Id, ex);
        }
        finally
        {
            slots.Release();
            signal.Kick();
            lock (_running) _running.RemoveAll(t => t.IsCompleted);
        }
    }

    private async Task<TimeSpan> IdleDelayAsync(CancellationToken ct)
    {
        try
        {
            var next = await store.NextDueAtAsync(ct);
            if (next is null) return _options.IdlePollInterval;
            var delay = next.Value - time.GetUtcNow();
            if (delay < TimeSpan.FromMilliseconds(5)) return TimeSpan.FromMilliseconds(5);
            return delay < _options.IdlePollInterval ? delay : _options.IdlePollInterval;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogClaimFailed(logger, ex);
            return _options.IdlePollInterval;
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Claiming due jobs failed; retrying after the idle interval")]
    private static partial void LogClaimFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error, Message = "Step of job {JobId} crashed; its lease will expire and it will be retried")]
    private static partial void LogStepCrashed(ILogger logger, string jobId, Exception ex);
}
