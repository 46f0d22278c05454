using Reelay.Credits;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class UsageChartsTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PerDay_GapsInRows_HasABarForEveryDayZeroWhereNothingHappened()
    {
        var query = new UsageQuery(Day1, Day1.AddDays(3), UsageGrouping.Day, null);
        UsageRow[] rows = [new("2026-03-02", 2, 2, 0, 3m, 0m, 0m)];

        var bars = UsageCharts.PerDay(query, rows);

        Assert.Equal([new ChartBar("2026-03-01", 0m), new ChartBar("2026-03-02", 3m), new ChartBar("2026-03-03", 0m)], bars);
    }

    [Fact]
    public void PerDay_LongPeriod_KeepsTheLastMaxDays()
    {
        var query = new UsageQuery(Day1, Day1.AddDays(400), UsageGrouping.Day, null);

        var bars = UsageCharts.PerDay(query, []);

        Assert.Equal(UsageCharts.MaxDays, bars.Count);
        Assert.Equal(Day1.AddDays(399).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), bars[^1].Label);
    }

    [Fact]
    public void PerModel_RowsWithTopUps_LeavesTopUpsOutAndSortsByCharged()
    {
        UsageRow[] rows =
        [
            new("", 0, 0, 0, 0m, 0m, 10m),
            new("a-model", 1, 1, 0, 1m, 0m, 0m),
            new("b-model", 3, 2, 1, 3m, 1m, 0m),
        ];

        var bars = UsageCharts.PerModel(rows);

        Assert.Equal([new ChartBar("b-model", 2m), new ChartBar("a-model", 1m)], bars);
    }
}
