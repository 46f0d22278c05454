namespace Reelay.Credits;

/// <summary>One key's stored balance next to the sum of its ledger entries (they must be equal).</summary>
public sealed record LedgerCheck(string KeyId, bool Limited, decimal Balance, decimal LedgerSum, long Entries)
{
    public bool Matches => Balance == LedgerSum;
}
