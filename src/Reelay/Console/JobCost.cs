using Reelay.Credits;
using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>What a job costs and where its charge stands, from its price and its ledger entries.</summary>
public static class JobCost
{
    public static string Describe(VideoJob job, IReadOnlyList<LedgerEntry> ledger)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(ledger);
        if (job.Credits is not { } price) return "no price (created before billing)";
        var state = ledger.Any(e => e.Kind == LedgerKind.Refund) ? "refunded"
            : ledger.Any(e => e.Kind == LedgerKind.Settle) ? "settled (charged)"
            : "reserved until the job ends";
        return $"{ConsolePrices.Label(price)} · {state}";
    }
}
