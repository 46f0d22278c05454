using Reelay.Credits;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Jobs;

/// <summary>A job's next state plus the timeline events, webhooks and credit ledger entries that must commit with it.</summary>
public sealed record JobTransition(VideoJob Job, IReadOnlyList<NewJobEvent> Events, IReadOnlyList<WebhookMessage> Webhooks)
{
    /// <summary>
    /// Settlement or refund of the job's reservation (terminal transitions only). Written in the transition's own
    /// transaction, so it happens exactly when the terminal state wins its compare-and-set: once.
    /// </summary>
    public IReadOnlyList<LedgerEntry> Ledger { get; init; } = [];
}
