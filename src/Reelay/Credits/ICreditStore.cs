namespace Reelay.Credits;

/// <summary>
/// Credit accounts and the ledger, beside the job store on the same database (SQLite or PostgreSQL). Reservations,
/// settlements and refunds are written by <see cref="Storage.IJobStore"/> in the job's own transactions; this
/// interface adds what is not tied to a job. Guarantee: a key's balance always equals the sum of its ledger entries.
/// </summary>
public interface ICreditStore
{
    /// <summary>The key's account; a key that never used credits is unlimited with balance 0.</summary>
    Task<CreditBalance> GetBalanceAsync(string keyId, CancellationToken ct);

    /// <summary>
    /// Adds <paramref name="amount"/> (&gt; 0) credits and makes the key limited. On the first top-up of an unlimited
    /// key, its earlier spending is written off by an <see cref="LedgerKind.Open"/> entry first. Returns the new account.
    /// </summary>
    Task<CreditBalance> TopUpAsync(string keyId, decimal amount, DateTimeOffset at, CancellationToken ct);

    /// <summary>Usage rows, ordered by group.</summary>
    Task<IReadOnlyList<UsageRow>> UsageAsync(UsageQuery query, CancellationToken ct);

    /// <summary>Every key with an account or ledger entries: its balance beside its ledger sum.</summary>
    Task<IReadOnlyList<LedgerCheck>> CheckLedgerAsync(CancellationToken ct);

    /// <summary>The ledger of one job, in order (for tests and support).</summary>
    Task<IReadOnlyList<LedgerEntry>> JobLedgerAsync(string jobId, CancellationToken ct);
}
