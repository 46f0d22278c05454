using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Retention;

/// <summary>
/// Runs <see cref="RetentionRunner"/> every <see cref="RetentionOptions.Interval"/> on whichever node holds the
/// short <c>retention</c> task lease in the store; the other nodes skip the pass. The lease outlives a pass by a
/// margin and is renewed each interval by its holder, so one node keeps the task until it stops.
/// </summary>
public sealed partial class RetentionService(
    RetentionRunner runner,
    IRetentionStore store,
    NodeIdentity node,
    TimeProvider time,
    IOptions<ReelayOptions> options,
    ILogger<RetentionService> logger) : BackgroundService
{
    public const string TaskName = "retention";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Retention;
        if (!settings.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await store.TryAcquireTaskLeaseAsync(TaskName, node.Id, time.GetUtcNow(), settings.Interval * 2, stoppingToken))
                    await runner.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, ex);
            }
            try { await Task.Delay(settings.Interval, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Retention pass failed; trying again next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
