using Npgsql;
using Reelay.Credits;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary><see cref="ICreditStore"/> on the cluster's PostgreSQL database (reservations and refunds are written by <see cref="PostgresJobStore"/>).</summary>
public sealed class PostgresCreditStore(PostgresDatabase database) : ICreditStore
{
    private const string EnsureAccountSql =
        "INSERT INTO credit_accounts (key_id, limited, balance, updated_at) VALUES (@key_id, FALSE, 0, @at) ON CONFLICT (key_id) DO NOTHING";

    // From here on the row keeps balance = ledger sum; the sum is taken under the key's exclusive credit lock.
    private const string MeterSql = """
        UPDATE credit_accounts SET limited = TRUE,
            balance = (SELECT COALESCE(SUM(amount), 0)::bigint FROM credit_ledger WHERE key_id = @key_id)
        WHERE key_id = @key_id AND NOT limited
        RETURNING balance
        """;

    private static readonly string[] GroupExpressions =
    [
        "to_char(to_timestamp(at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
        "COALESCE(model, '')",
        "key_id",
    ];

    public Task<CreditBalance> GetBalanceAsync(string keyId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return database.RunAsync(keyId, static (c, keyId, ct) => ReadBalanceAsync(c, keyId, ct), ct);
    }

    public Task<CreditBalance> TopUpAsync(string keyId, decimal amount, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (amount <= 0 || !CreditUnits.IsExact(amount)) throw new ArgumentOutOfRangeException(nameof(amount), amount, "must be > 0 with at most 6 decimals");
        return database.InTransactionAsync((keyId, amount, at), static async (c, a, ct) =>
        {
            // Exclusive: every reservation and refund of the key in flight has committed, and none starts until this does.
            await PostgresCreditLedger.LockExclusiveAsync(c, a.keyId, ct).ConfigureAwait(false);
            await c.Command(EnsureAccountSql).Bind("key_id", a.keyId).Bind("at", a.at).RunAsync(ct).ConfigureAwait(false);
            // An unlimited key's balance is its ledger sum (not kept in the row): metering starts from it, then writes it off.
            // The spending so far when this top-up is the one that meters the key; nothing when it already was.
            var spent = await c.Command(MeterSql).Bind("key_id", a.keyId).ScalarAsync(ct).ConfigureAwait(false) is long units ? units : 0;
            var entries = new List<LedgerEntry>();
            if (spent != 0) entries.Add(new(a.keyId, LedgerKind.Open, -CreditUnits.ToCredits(spent), null, null, a.at));
            entries.Add(new(a.keyId, LedgerKind.TopUp, a.amount, null, null, a.at));
            var batch = c.Batch();
            PostgresCreditLedger.AddEntries(batch, entries);
            await batch.RunAsync(ct).ConfigureAwait(false);
            return await ReadBalanceAsync(c, a.keyId, ct).ConfigureAwait(false);
        }, ct);
    }

    public async Task<IReadOnlyList<UsageRow>> UsageAsync(UsageQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await database.RunAsync(query, static (c, q, ct) =>
        {
            var command = c.Command($"""
                SELECT {GroupExpressions[(int)q.GroupBy]} AS grp, {CreditRows.UsageAggregates}
                FROM credit_ledger WHERE at >= @from AND at < @to{(q.KeyId is null ? "" : " AND key_id = @key_id")}
                GROUP BY grp ORDER BY grp
                """).Bind("from", q.From).Bind("to", q.To);
            if (q.KeyId is not null) command.Bind("key_id", q.KeyId);
            return command.ReadAsync(r =>
            {
                var rows = new List<UsageRow>();
                while (r.Read()) rows.Add(CreditRows.ReadUsage(r));
                return rows;
            }, ct);
        }, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<LedgerCheck>> CheckLedgerAsync(CancellationToken ct) =>
        // REPEATABLE READ: balances and sums come from one snapshot.
        database.RunAsync(0, static async (c, _, ct) =>
        {
            var transaction = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Only metered accounts keep a balance to check; an unlimited key's balance is its ledger sum by definition.
                var accounts = await c.Command("SELECT key_id, limited, balance FROM credit_accounts WHERE limited").ReadAsync(r =>
                {
                    var d = new Dictionary<string, (bool, long)>(StringComparer.Ordinal);
                    while (r.Read()) d[r.GetString(0)] = (r.GetBoolean(1), r.GetInt64(2));
                    return d;
                }, ct).ConfigureAwait(false);
                var sums = await c.Command("SELECT key_id, SUM(amount)::bigint, COUNT(*) FROM credit_ledger GROUP BY key_id").ReadAsync(r =>
                {
                    var d = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
                    while (r.Read()) d[r.GetString(0)] = (r.GetInt64(1), r.GetInt64(2));
                    return d;
                }, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                foreach (var (key, (sum, _)) in sums) accounts.TryAdd(key, (false, sum));
                return CreditRows.Merge(accounts, sums);
            }
        }, ct);

    public async Task<IReadOnlyList<LedgerEntry>> JobLedgerAsync(string jobId, CancellationToken ct) =>
        await database.RunAsync(jobId, static (c, jobId, ct) =>
            c.Command($"SELECT {CreditRows.LedgerColumns} FROM credit_ledger WHERE job_id = @job_id ORDER BY seq").Bind("job_id", jobId).ReadAsync(r =>
            {
                var entries = new List<LedgerEntry>();
                while (r.Read()) entries.Add(CreditRows.ReadLedger(r));
                return entries;
            }, ct), ct).ConfigureAwait(false);

    private static async Task<CreditBalance> ReadBalanceAsync(NpgsqlConnection c, string keyId, CancellationToken ct) =>
        await c.Command(PostgresCreditLedger.BalanceSql).Bind("key_id", keyId).ReadAsync(r =>
        {
            r.Read();
            return new CreditBalance(keyId, r.GetBoolean(0), CreditUnits.ToCredits(r.GetInt64(1)));
        }, ct).ConfigureAwait(false);
}
