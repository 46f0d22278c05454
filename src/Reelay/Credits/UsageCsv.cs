using System.Globalization;

namespace Reelay.Credits;

/// <summary>The CSV form of usage rows (RFC 4180, header first), shared by <c>GET /v1/usage</c> and <c>reelay usage --csv</c>.</summary>
public static class UsageCsv
{
    public static string Header(UsageGrouping groupBy) =>
        $"{GroupColumn(groupBy)},jobs,settled,refunds,reserved,refunded,charged,topups";

    public static string Write(UsageGrouping groupBy, IEnumerable<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new System.Text.StringBuilder();
        text.Append(Header(groupBy)).Append("\r\n");
        foreach (var r in rows)
        {
            text.Append(Field(r.Group)).Append(',')
                .Append(r.Jobs.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Settled.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(r.Refunds.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Credits(r.Reserved)).Append(',')
                .Append(Credits(r.Refunded)).Append(',')
                .Append(Credits(r.Charged)).Append(',')
                .Append(Credits(r.TopUps)).Append("\r\n");
        }
        return text.ToString();
    }

    public static string GroupColumn(UsageGrouping groupBy) => groupBy switch
    {
        UsageGrouping.Day => "day",
        UsageGrouping.Model => "model",
        _ => "key_id",
    };

    /// <summary>Invariant, without trailing zeros (1.5, not 1.500000).</summary>
    public static string Credits(decimal credits) => credits.ToString("0.######", CultureInfo.InvariantCulture);

    // Models and key ids never hold commas or quotes today; quote anyway so the file stays valid if one does.
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
