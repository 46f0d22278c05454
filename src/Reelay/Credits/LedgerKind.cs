namespace Reelay.Credits;

/// <summary>What a ledger entry records. Its amount is the signed change of the key's balance.</summary>
public enum LedgerKind
{
    /// <summary>A job's price taken from the balance when the job was created (negative).</summary>
    Reserve,
    /// <summary>The job succeeded: its reservation is kept (amount 0; the charge is the reservation).</summary>
    Settle,
    /// <summary>The job failed, was rejected, expired or was canceled: its reservation is returned in full (positive).</summary>
    Refund,
    /// <summary>An administrator added credits (positive).</summary>
    TopUp,
    /// <summary>
    /// The key became metered (its first top-up): the spending it had while unlimited is written off, so the
    /// metered balance starts at zero and still equals the ledger sum.
    /// </summary>
    Open,
}
