using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Jobs;

/// <summary>
/// Commits a <see cref="JobTransition"/> (compare-and-set, optionally fenced by a lease token) and, when it
/// wins, wakes local waiters and the webhook dispatcher, and when the job ended canceled or failed removes the result
/// files a step may already have stored for it. Returns the stored job, or null if the write lost.
/// </summary>
public sealed class JobWriter(IJobStore store, JobChangeNotifier notifier, WebhookSignal webhookSignal, JobLeftovers leftovers)
{
    public async Task<VideoJob?> CommitAsync(JobTransition transition, string? fenceToken, CancellationToken ct)
    {
        var stored = await store.TryUpdateAsync(transition.Job, fenceToken, transition.Events, transition.Webhooks, transition.Ledger, ct).ConfigureAwait(false);
        if (stored is null) return null;
        if (transition.Webhooks.Count > 0) webhookSignal.Kick();
        if (transition.Events.Count > 0 || stored.Status.IsTerminal()) notifier.Notify(stored.Id);
        await leftovers.RemoveIfUnsuccessfulAsync(stored).ConfigureAwait(false);
        return stored;
    }
}
