using Reelay.Credits;
using Reelay.Jobs;

namespace Reelay.Tests.Credits;

public sealed class UsageCsvTests
{
    [Fact]
    public void Write_Rows_HeaderThenOneLinePerGroupWithInvariantCredits()
    {
        var csv = UsageCsv.Write(UsageGrouping.Model, [
            new UsageRow("kling-v2-1", 3, 2, 1, 4.5m, 1.5m, 0m),
            new UsageRow("a,b", 1, 1, 0, 1m, 0m, 0m),
        ]);

        Assert.Equal(
            "model,jobs,settled,refunds,reserved,refunded,charged,topups\r\n" +
            "kling-v2-1,3,2,1,4.5,1.5,3,0\r\n" +
            "\"a,b\",1,1,0,1,0,1,0\r\n", csv);
    }

    [Fact]
    public void Read_BareDates_ToIncludesThatWholeDay()
    {
        var errors = new FieldErrors();
        var query = UsageRequest.Read("2025-03-01", "2025-03-02", "key", null, DateTimeOffset.UnixEpoch, errors);

        Assert.NotNull(query);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(UsageGrouping.Key, query.GroupBy);
    }

    [Theory]
    [InlineData("2025-03-02", "2025-03-01", null, "from")]
    [InlineData(null, null, "week", "group_by")]
    [InlineData("yesterday", null, null, "from")]
    public void Read_BadInput_NamesTheField(string? from, string? to, string? groupBy, string field)
    {
        var errors = new FieldErrors();

        Assert.Null(UsageRequest.Read(from, to, groupBy, null, new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), errors));
        Assert.Contains(field, errors.ToDictionary().Keys);
    }
}
