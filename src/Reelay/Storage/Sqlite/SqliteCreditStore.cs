using Reelay.Credits;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary><see cref="ICreditStore"/> on the job store's SQLite file (reservations and refunds are written by <see cref="SqliteJobStore"/>).</summary>
public sealed class SqliteCreditStore(SqliteDatabase database) : ICreditStore
{
    private const string BalanceSql = "SELECT limited, balance FROM credit_accounts WHERE key_id = $key_id";

    private static readonly string[] GroupExpressions =
    [
        "strftime('%Y-%m-%d', at / 1000, 'unixepoch')",
        "COALESCE(model, '')",
        "key_id",
    ];

    public Task<CreditBalance> GetBalanceAsync(string keyId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(keyId, static (s, keyId) => ReadBalance(s, keyId)));
    }

    public Task<CreditBalance> TopUpAsync(string keyId, decimal amount, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (amount <= 0 || !CreditUnits.IsExact(amount)) throw new ArgumentOutOfRangeException(nameof(amount), amount, "must be > 0 with at most 6 decimals");
        return database.WriteAsync((keyId, amount, at), static (s, a) =>
        {
            var current = ReadBalance(s, a.keyId);
            var entries = new List<LedgerEntry>();
            if (!current.Limited && current.Balance != 0) entries.Add(new(a.keyId, LedgerKind.Open, -current.Balance, null, null, a.at));
            entries.Add(new(a.keyId, LedgerKind.TopUp, a.amount, null, null, a.at));
            SqliteCreditLedger.Append(s, entries);
            s.Command("UPDATE credit_accounts SET limited = 1 WHERE key_id = $key_id").Bind("$key_id", a.keyId).ExecuteNonQuery();
            return ReadBalance(s, a.keyId);
        }, ct);
    }

    public Task<IReadOnlyList<UsageRow>> UsageAsync(UsageQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<UsageRow>>(database.Read(query, static (s, q) =>
        {
            var group = GroupExpressions[(int)q.GroupBy];
            var command = s.Command($"""
                SELECT {group} AS grp, {CreditRows.UsageAggregates}
                FROM credit_ledger WHERE at >= $from AND at < $to{(q.KeyId is null ? "" : " AND key_id = $key_id")}
                GROUP BY grp ORDER BY grp
                """).Bind("$from", q.From).Bind("$to", q.To);
            if (q.KeyId is not null) command.Bind("$key_id", q.KeyId);
            var rows = new List<UsageRow>();
            using var r = command.ExecuteReader();
            while (r.Read()) rows.Add(CreditRows.ReadUsage(r));
            return rows;
        }));
    }

    public Task<IReadOnlyList<LedgerCheck>> CheckLedgerAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        // One read transaction, so balances and sums come from the same snapshot.
        return Task.FromResult(database.Read(0, static (s, _) =>
        {
            using var transaction = s.Connection.BeginTransaction(deferred: true);
            var accounts = new Dictionary<string, (bool, long)>(StringComparer.Ordinal);
            using (var command = s.Connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT key_id, limited, balance FROM credit_accounts";
                using var r = command.ExecuteReader();
                while (r.Read()) accounts[r.GetString(0)] = (r.GetInt64(1) != 0, r.GetInt64(2));
            }
            var sums = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
            using (var command = s.Connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "SELECT key_id, SUM(amount), COUNT(*) FROM credit_ledger GROUP BY key_id";
                using var r = command.ExecuteReader();
                while (r.Read()) sums[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
            }
            transaction.Commit();
            return CreditRows.Merge(accounts, sums);
        }));
    }

    public Task<IReadOnlyList<LedgerEntry>> JobLedgerAsync(string jobId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<LedgerEntry>>(database.Read(jobId, static (s, jobId) =>
        {
            var entries = new List<LedgerEntry>();
            using var r = s.Command($"SELECT {CreditRows.LedgerColumns} FROM credit_ledger WHERE job_id = $job_id ORDER BY seq")
                .Bind("$job_id", jobId).ExecuteReader();
            while (r.Read()) entries.Add(CreditRows.ReadLedger(r));
            return entries;
        }));
    }

    private static CreditBalance ReadBalance(SqliteSession s, string keyId)
    {
        using var r = s.Command(BalanceSql).Bind("$key_id", keyId).ExecuteReader();
        return r.Read()
            ? new CreditBalance(keyId, r.GetInt64(0) != 0, CreditUnits.ToCredits(r.GetInt64(1)))
            : new CreditBalance(keyId, false, 0m);
    }
}
