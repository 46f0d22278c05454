using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>
/// Clears leases whose owner stopped renewing them (a crashed node), once per lease duration, and logs
/// how many. Claims would take such jobs anyway; sweeping makes them visibly unowned and countable.
/// </summary>
public sealed partial class LeaseSweeper(IJobStore store, SchedulerSignal signal, TimeProvider time, IOptions<ReelayOptions> options, ILogger<LeaseSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = options.Value.Scheduler.LeaseDuration;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(every, time, stoppingToken);
                try
                {
                    var released = await store.ReleaseExpiredLeasesAsync(time.GetUtcNow(), stoppingToken);
                    if (released > 0)
                    {
                        LogReleased(logger, released);
                        signal.Kick();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Released {Count} expired job leases")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Sweeping expired leases failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception ex);
}
