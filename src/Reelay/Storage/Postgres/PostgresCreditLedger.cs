using Npgsql;
using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary>
/// The ledger writes that run inside the job store's transactions (create and terminal transition), so a reservation
/// commits with its job and a settlement or refund with its terminal state, or none of them does.
/// </summary>
/// <remarks>
/// <para>A <b>metered</b> key (limited, since its first top-up) keeps balance = ledger sum in its account row: each entry
/// moves the balance by the same amount in the same transaction. The debit locks the row, so concurrent reservations of
/// one metered key on any node queue on it and each sees the balance the previous one left (READ COMMITTED re-checks
/// the WHERE clause on the newest row version).</para>
/// <para>An <b>unlimited</b> key is never refused, so its entries are appended without touching an account row: its balance
/// is the ledger sum, read when asked (<see cref="BalanceSql"/>). One row updated by every create of a key would
/// serialise all of that key's creates on its lock until commit (benchmark B1pg on 2 cores: 266 creates/s).</para>
/// <para>Top-up turns an unlimited key metered. It takes the key's credit lock exclusively (<see cref="LockExclusiveAsync"/>);
/// every priced write takes it shared, so unlimited writes never wait for each other, and an unlimited reservation
/// still in flight when a top-up starts commits before the top-up sums the ledger — no entry escapes the balance.</para>
/// </remarks>
internal static class PostgresCreditLedger
{
    private const string LockSharedSql = "SELECT pg_advisory_xact_lock_shared(hashtextextended('reelay.credits:' || @key_id, 0))";

    private const string LockExclusiveSql = "SELECT pg_advisory_xact_lock(hashtextextended('reelay.credits:' || @key_id, 0))";

    /// <summary>(limited, balance in micro-credits) of one key: a metered key's stored balance, else its ledger sum.</summary>
    public const string BalanceSql = """
        SELECT COALESCE(a.limited, FALSE),
               CASE WHEN a.limited THEN a.balance
                    ELSE (SELECT COALESCE(SUM(amount), 0)::bigint FROM credit_ledger WHERE key_id = @key_id) END
        FROM (SELECT 1) AS one LEFT JOIN credit_accounts a ON a.key_id = @key_id
        """;

    // Unlimited (no account, or not limited): the entry alone. Metered: the entry only if the conditional debit took.
    // The key's shared lock is held, so no top-up changes `limited` while this runs.
    private const string ReserveSql = $"""
        WITH account AS (SELECT limited FROM credit_accounts WHERE key_id = @key_id),
        debit AS (
            UPDATE credit_accounts SET balance = balance - @units, updated_at = @at
            WHERE key_id = @key_id AND limited AND balance >= @units
            RETURNING key_id)
        INSERT INTO credit_ledger ({CreditRows.LedgerColumns})
        SELECT @key_id, @kind, @amount, @job_id, @model, @at
        WHERE NOT COALESCE((SELECT limited FROM account), FALSE) OR EXISTS (SELECT 1 FROM debit)
        """;

    // DO NOTHING covers the per-job unique indexes: a second settle/refund of a job is dropped, and so is its balance change.
    private const string AppendSql = $"""
        WITH entry AS (
            INSERT INTO credit_ledger ({CreditRows.LedgerColumns}) VALUES (@key_id, @kind, @amount, @job_id, @model, @at)
            ON CONFLICT DO NOTHING
            RETURNING key_id)
        UPDATE credit_accounts SET balance = balance + @amount, updated_at = @at
        WHERE key_id IN (SELECT key_id FROM entry) AND limited AND @amount <> 0
        """;

    /// <summary>
    /// Adds the job's reservation to <paramref name="batch"/>: the key's shared credit lock, then the reservation, whose
    /// RecordsAffected is 1 once the batch ran if it took and 0 when the key is metered and its balance is short
    /// (nothing written). Null when the job has no price. Put it last before commit: a metered debit holds the
    /// account row's lock, which every create of the key waits for, until the transaction ends.
    /// </summary>
    public static NpgsqlBatchCommand? AddReservation(NpgsqlBatch batch, VideoJob job)
    {
        if (CreditLedger.Reservation(job) is not { } entry) return null;
        // Two commands, not one: the reservation's snapshot must be taken after the lock is held.
        batch.Add(LockSharedSql).Bind("key_id", entry.KeyId);
        return batch.Add(ReserveSql).Bind(CreditRows.LedgerParameters(entry)).Bind("units", -CreditUnits.From(entry.Amount));
    }

    /// <summary>
    /// Adds <paramref name="entries"/> to <paramref name="batch"/>, each moving its key's balance when the key is metered;
    /// an entry the unique indexes refuse changes nothing. Put them last before commit, as reservations.
    /// </summary>
    public static void AddEntries(NpgsqlBatch batch, IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var entry in entries)
        {
            // A settlement (amount 0) moves no balance: it needs neither the lock nor the account row.
            if (entry.Amount != 0) batch.Add(LockSharedSql).Bind("key_id", entry.KeyId);
            batch.Add(AppendSql).Bind(CreditRows.LedgerParameters(entry));
        }
    }

    /// <summary>Waits until no priced write of the key is in flight and keeps new ones out until the transaction ends.</summary>
    public static Task LockExclusiveAsync(NpgsqlConnection c, string keyId, CancellationToken ct) =>
        c.Command(LockExclusiveSql).Bind("key_id", keyId).RunAsync(ct);
}
