using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>Holds a running step's lease: renews it and notices, at once where possible, when the job is taken away.</summary>
public sealed partial class StepLeaseKeeper(IJobStore store, JobChangeNotifier notifier, TimeProvider time, IOptions<ReelayOptions> options,
    ILogger<StepLeaseKeeper> logger)
{
    private static readonly TimeSpan RenewSlice = TimeSpan.FromSeconds(1);
    private readonly SchedulerOptions _options = options.Value.Scheduler;

    /// <summary>
    /// Keeps the lease alive (renewing at a third of its duration) and watches for the job being taken away:
    /// a local cancel wakes this loop at once through the notifier; a cancel on another node, or a re-claim,
    /// shows as a failed renewal. Either way the step is canceled and writes nothing more.
    /// </summary>
    internal async Task KeepAsync(StepState step, string fence, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var jobId = step.Current.Id;
        var every = _options.LeaseDuration / 3;
        var renewAt = time.GetUtcNow() + every;
        try
        {
            while (true)
            {
                // Wait in slices of at most a second, so a renewal is never late by more than that even if the clock
                // moved while this loop was between waits.
                var wait = renewAt - time.GetUtcNow();
                var notified = false;
                if (wait > TimeSpan.Zero) notified = await notifier.WaitAsync(jobId, wait < RenewSlice ? wait : RenewSlice, time, stop);
                stop.ThrowIfCancellationRequested();
                bool held;
                if (!notified && time.GetUtcNow() < renewAt) continue;
                if (time.GetUtcNow() >= renewAt)
                {
                    var until = time.GetUtcNow() + _options.LeaseDuration;
                    await step.Lock.WaitAsync(stop);
                    try
                    {
                        held = await store.RenewLeaseAsync(jobId, fence, until, stop);
                        if (held) step.LeaseUntil = until;
                    }
                    finally
                    {
                        step.Lock.Release();
                    }
                    renewAt = time.GetUtcNow() + every;
                }
                else
                {
                    // Woken early: something changed the job. Our own progress writes keep the token; a cancel clears it.
                    var current = await store.GetAsync(jobId, stop);
                    held = current is not null && !current.Status.IsTerminal() && current.LeaseToken == fence;
                }
                if (!held)
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store is unreachable: keep working; if the lease really expires the fenced writes will fail.
            LogRenewFailed(logger, jobId, ex);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, string jobId, Exception ex);
}
