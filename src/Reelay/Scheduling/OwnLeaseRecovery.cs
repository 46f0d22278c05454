using Microsoft.Extensions.Logging;
using Reelay.Hosting;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>
/// At start-up, before the scheduler claims anything: a node that comes back under its previous identity (a crash, an
/// OOM kill, a restart) releases the job leases that identity still holds, so the steps that died with the previous
/// run continue at once instead of after <see cref="SchedulerOptions.LeaseDuration"/>. Each write of the dead steps was
/// fenced by its lease token, so nothing they might still have written can land.
/// </summary>
public sealed partial class OwnLeaseRecovery(IJobStore store, NodeIdentity node, ILogger<OwnLeaseRecovery> logger) : IStartupTask
{
    public async Task RunAsync(CancellationToken ct)
    {
        if (!node.ReclaimsOwnLeases) return;
        var released = await store.ReleaseLeasesOfAsync(node.Id, ct).ConfigureAwait(false);
        if (released > 0) LogReclaimed(logger, released, node.Id);
    }

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Reclaimed {Count} job lease(s) left by this node's previous run ({NodeId})")]
    private static partial void LogReclaimed(ILogger logger, int count, string nodeId);
}
