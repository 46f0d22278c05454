using Reelay.Jobs;

namespace Reelay.Credits;

/// <summary>
/// The ledger entries a job produces. A job with a price (<see cref="VideoJob.Credits"/> set at creation) reserves it
/// when it is inserted and closes it exactly once, in its terminal transition: success settles, anything else refunds
/// in full. Jobs without a price (created before billing existed) produce no entries.
/// </summary>
public static class CreditLedger
{
    public static LedgerEntry? Reservation(VideoJob job) =>
        job.Credits is { } price ? new(job.OwnerKeyId, LedgerKind.Reserve, -price, job.Id, job.Request.Model, job.CreatedAt) : null;

    /// <summary>The closing entry of <paramref name="terminal"/> (a job in a terminal status), or none when it has no price.</summary>
    public static IReadOnlyList<LedgerEntry> Closing(VideoJob terminal, DateTimeOffset now)
    {
        if (terminal.Credits is not { } price) return [];
        return terminal.Status == JobStatus.Succeeded
            ? [new(terminal.OwnerKeyId, LedgerKind.Settle, 0m, terminal.Id, terminal.Request.Model, now)]
            : [new(terminal.OwnerKeyId, LedgerKind.Refund, price, terminal.Id, terminal.Request.Model, now)];
    }
}
