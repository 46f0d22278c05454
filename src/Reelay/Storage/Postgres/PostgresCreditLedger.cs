using Npgsql;
using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary>
/// The ledger writes that run inside the job store's transactions (create and terminal transition), so a reservation
/// commits with its job and a settlement or refund with its terminal state, or none of them does. Each entry moves
/// the account's balance by the same amount in the same transaction: balance = ledger sum. The account row is
/// locked by the debit, so concurrent reservations of one key on any node queue on it and each sees the balance the
/// previous one left (READ COMMITTED re-checks the WHERE clause on the newest row version).
/// </summary>
internal static class PostgresCreditLedger
{
    private const string EnsureAccountSql =
        "INSERT INTO credit_accounts (key_id, limited, balance, updated_at) VALUES (@key_id, FALSE, 0, @at) ON CONFLICT (key_id) DO NOTHING";

    private const string DebitSql = """
        UPDATE credit_accounts SET balance = balance - @units, updated_at = @at
        WHERE key_id = @key_id AND (NOT limited OR balance >= @units)
        """;

    private const string CreditSql = "UPDATE credit_accounts SET balance = balance + @units, updated_at = @at WHERE key_id = @key_id";

    // DO NOTHING covers the per-job unique indexes: a second settle/refund of a job is dropped, and so is its balance change.
    private const string InsertLedgerSql =
        $"INSERT INTO credit_ledger ({CreditRows.LedgerColumns}) VALUES (@key_id, @kind, @amount, @job_id, @model, @at) ON CONFLICT DO NOTHING";

    /// <summary>Reserves the job's price; false (nothing written) when the key is limited and its balance is short.</summary>
    public static async Task<bool> TryReserveAsync(NpgsqlConnection c, VideoJob job, CancellationToken ct)
    {
        if (CreditLedger.Reservation(job) is not { } entry) return true;
        var units = -CreditUnits.From(entry.Amount);
        await c.Command(EnsureAccountSql).Bind("key_id", entry.KeyId).Bind("at", entry.At).RunAsync(ct).ConfigureAwait(false);
        if (await c.Command(DebitSql).Bind("key_id", entry.KeyId).Bind("units", units).Bind("at", entry.At).RunAsync(ct).ConfigureAwait(false) != 1)
            return false;
        if (await c.Command(InsertLedgerSql).Bind(CreditRows.LedgerParameters(entry)).RunAsync(ct).ConfigureAwait(false) != 1)
            throw new InvalidOperationException($"job {job.Id} already has a reservation");
        return true;
    }

    /// <summary>Appends <paramref name="entries"/> and moves each key's balance; an entry the unique indexes refuse changes nothing.</summary>
    public static async Task AppendAsync(NpgsqlConnection c, IReadOnlyList<LedgerEntry> entries, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            if (await c.Command(InsertLedgerSql).Bind(CreditRows.LedgerParameters(entry)).RunAsync(ct).ConfigureAwait(false) != 1) continue;
            await c.Command(EnsureAccountSql).Bind("key_id", entry.KeyId).Bind("at", entry.At).RunAsync(ct).ConfigureAwait(false);
            await c.Command(CreditSql).Bind("key_id", entry.KeyId).Bind("units", CreditUnits.From(entry.Amount)).Bind("at", entry.At)
                .RunAsync(ct).ConfigureAwait(false);
        }
    }
}
