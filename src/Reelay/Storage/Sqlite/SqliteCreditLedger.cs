using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// The ledger writes that run inside the job store's transactions (create and terminal transition), so a reservation
/// commits with its job and a settlement or refund with its terminal state, or none of them does. Each entry moves
/// the account's balance by the same amount in the same transaction: balance = ledger sum.
/// </summary>
internal static class SqliteCreditLedger
{
    private const string EnsureAccountSql =
        "INSERT INTO credit_accounts (key_id, limited, balance, updated_at) VALUES ($key_id, 0, 0, $at) ON CONFLICT (key_id) DO NOTHING";

    // The balance check and the debit are one statement: a limited account never goes below zero.
    private const string DebitSql = """
        UPDATE credit_accounts SET balance = balance - $units, updated_at = $at
        WHERE key_id = $key_id AND (limited = 0 OR balance >= $units)
        """;

    private const string CreditSql = "UPDATE credit_accounts SET balance = balance + $units, updated_at = $at WHERE key_id = $key_id";

    // DO NOTHING covers the per-job unique indexes: a second settle/refund of a job is dropped, and so is its balance change.
    private const string InsertLedgerSql =
        $"INSERT INTO credit_ledger ({CreditRows.LedgerColumns}) VALUES ($key_id, $kind, $amount, $job_id, $model, $at) ON CONFLICT DO NOTHING";

    /// <summary>Reserves the job's price; false (nothing written) when the key is limited and its balance is short.</summary>
    public static bool TryReserve(SqliteSession s, VideoJob job)
    {
        if (CreditLedger.Reservation(job) is not { } entry) return true;
        var units = -CreditUnits.From(entry.Amount);
        s.Command(EnsureAccountSql).Bind("$key_id", entry.KeyId).Bind("$at", entry.At).ExecuteNonQuery();
        if (s.Command(DebitSql).Bind("$key_id", entry.KeyId).Bind("$units", units).Bind("$at", entry.At).ExecuteNonQuery() != 1) return false;
        if (s.Command(InsertLedgerSql).Bind(CreditRows.LedgerParameters(entry)).ExecuteNonQuery() != 1)
            throw new InvalidOperationException($"job {job.Id} already has a reservation");
        return true;
    }

    /// <summary>Appends <paramref name="entries"/> and moves each key's balance; an entry the unique indexes refuse changes nothing.</summary>
    public static void Append(SqliteSession s, IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (s.Command(InsertLedgerSql).Bind(CreditRows.LedgerParameters(entry)).ExecuteNonQuery() != 1) continue;
            s.Command(EnsureAccountSql).Bind("$key_id", entry.KeyId).Bind("$at", entry.At).ExecuteNonQuery();
            s.Command(CreditSql).Bind("$key_id", entry.KeyId).Bind("$units", CreditUnits.From(entry.Amount)).Bind("$at", entry.At).ExecuteNonQuery();
        }
    }
}
