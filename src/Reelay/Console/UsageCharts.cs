using System.Globalization;
using Reelay.Credits;

namespace Reelay.WebConsole;

/// <summary>The usage page's chart data: credits charged per UTC day (every day of the period, zero where nothing happened) and per model.</summary>
public static class UsageCharts
{
    /// <summary>Most days a chart shows; a longer period keeps its last days (the table and the CSV keep them all).</summary>
    public const int MaxDays = 92;

    public static IReadOnlyList<ChartBar> PerDay(UsageQuery query, IReadOnlyList<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(rows);
        var byDay = rows.ToDictionary(r => r.Group, r => r.Charged, StringComparer.Ordinal);
        var first = DateOnly.FromDateTime(query.From.UtcDateTime);
        var last = DateOnly.FromDateTime(query.To.AddTicks(-1).UtcDateTime);
        if (last.DayNumber - first.DayNumber >= MaxDays) first = last.AddDays(-(MaxDays - 1));
        var bars = new List<ChartBar>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var label = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            bars.Add(new ChartBar(label, byDay.GetValueOrDefault(label)));
        }
        return bars;
    }

    /// <summary>Models that had jobs in the period, most credits first (top-ups, which have no model, are left out).</summary>
    public static IReadOnlyList<ChartBar> PerModel(IReadOnlyList<UsageRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Where(r => r.Group.Length > 0 && r.Jobs > 0)
            .OrderByDescending(r => r.Charged).ThenBy(r => r.Group, StringComparer.Ordinal)
            .Select(r => new ChartBar(r.Group, r.Charged))];
    }
}
