using System.Data.Common;
using Reelay.Credits;

namespace Reelay.Storage.Rows;

/// <summary>SQL and row mapping of the credit tables shared by both backends (parameters named without a prefix).</summary>
internal static class CreditRows
{
    public const string LedgerColumns = "key_id, kind, amount, job_id, model, at";

    /// <summary>Usage aggregates over credit_ledger; the group expression and filter are added per backend.</summary>
    public const string UsageAggregates = """
        SUM(CASE WHEN kind = 'reserve' THEN 1 ELSE 0 END),
        SUM(CASE WHEN kind = 'settle' THEN 1 ELSE 0 END),
        SUM(CASE WHEN kind = 'refund' THEN 1 ELSE 0 END),
        SUM(CASE WHEN kind = 'reserve' THEN -amount ELSE 0 END),
        SUM(CASE WHEN kind = 'refund' THEN amount ELSE 0 END),
        SUM(CASE WHEN kind = 'topup' THEN amount ELSE 0 END)
        """;

    public static (string Name, object? Value)[] LedgerParameters(LedgerEntry e) =>
    [
        ("key_id", e.KeyId),
        ("kind", e.Kind.ToStoreName()),
        ("amount", CreditUnits.From(e.Amount)),
        ("job_id", e.JobId),
        ("model", e.Model),
        ("at", e.At.ToUnixTimeMilliseconds()),
    ];

    public static LedgerEntry ReadLedger(DbDataReader r) => new(
        r.GetString(0),
        ParseKind(r.GetString(1)),
        CreditUnits.ToCredits(r.GetInt64(2)),
        r.GetNullableString(3),
        r.GetNullableString(4),
        r.GetTime(5));

    /// <summary>A row of (group, jobs, settled, refunds, reserved, refunded, topups) as selected with <see cref="UsageAggregates"/>.</summary>
    public static UsageRow ReadUsage(DbDataReader r) => new(
        r.IsDBNull(0) ? "" : Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "",
        r.GetInt64(1), r.GetInt64(2), r.GetInt64(3),
        CreditUnits.ToCredits(r.GetInt64(4)), CreditUnits.ToCredits(r.GetInt64(5)), CreditUnits.ToCredits(r.GetInt64(6)));

    public static LedgerKind ParseKind(string name) => name switch
    {
        "reserve" => LedgerKind.Reserve,
        "settle" => LedgerKind.Settle,
        "refund" => LedgerKind.Refund,
        "topup" => LedgerKind.TopUp,
        "open" => LedgerKind.Open,
        _ => throw new InvalidOperationException($"unknown ledger kind '{name}'"),
    };

    /// <summary>Joins per-key ledger sums with the accounts: keys present in either appear once.</summary>
    public static IReadOnlyList<LedgerCheck> Merge(
        IReadOnlyDictionary<string, (bool Limited, long Balance)> accounts, IReadOnlyDictionary<string, (long Sum, long Entries)> sums)
    {
        var keys = accounts.Keys.Union(sums.Keys).Order(StringComparer.Ordinal);
        return [.. keys.Select(k =>
        {
            var (limited, balance) = accounts.GetValueOrDefault(k);
            var (sum, entries) = sums.GetValueOrDefault(k);
            return new LedgerCheck(k, limited, CreditUnits.ToCredits(balance), CreditUnits.ToCredits(sum), entries);
        })];
    }
}
