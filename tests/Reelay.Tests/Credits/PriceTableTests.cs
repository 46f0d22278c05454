using Microsoft.Extensions.Configuration;
using Reelay.Credits;
using Reelay.Jobs;

namespace Reelay.Tests.Credits;

public sealed class PriceTableTests
{
    private static PriceTable Load(Dictionary<string, string?>? settings = null) =>
        PriceTable.Load(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());

    private static VideoRequest Request(string model, int seconds, VideoMode mode = VideoMode.Std, string? resolution = null) => new()
    {
        Model = model,
        DurationSeconds = seconds,
        Mode = mode,
        Resolution = resolution,
    };

    [Theory]
    [InlineData("kling-v2-6", 5, VideoMode.Std, 1)]
    [InlineData("kling-v2-6", 10, VideoMode.Std, 2)]
    [InlineData("kling-v2-6", 10, VideoMode.Pro, 3)]
    [InlineData("kling-v2-master", 5, VideoMode.Pro, 2)]
    [InlineData("local", 3, VideoMode.Std, 0.6)]
    public void PriceOf_ShippedTable_FollowsModelModeAndDuration(string model, int seconds, VideoMode mode, double expected)
    {
        Assert.Equal((decimal)expected, Load().PriceOf(Request(model, seconds, mode)));
    }

    [Fact]
    public void PriceOf_ResolutionEntry_WinsOverMode()
    {
        var table = Load();

        Assert.Equal(1m, table.PriceOf(Request("kling-v2-1", 4, resolution: "480p")));
        Assert.Equal(1m, table.PriceOf(Request("kling-v2-1", 5, resolution: "720p")));
    }

    [Fact]
    public void Load_ConfigOverride_ReplacesOnePrice()
    {
        var table = Load(new() { ["Reelay:Pricing:Prices:kling-v2-6:pro:10"] = "4.25" });

        Assert.Equal(4.25m, table.PriceOf(Request("kling-v2-6", 10, VideoMode.Pro)));
        Assert.Equal(1.5m, table.PriceOf(Request("kling-v2-6", 5, VideoMode.Pro)));
    }

    [Fact]
    public void Load_NonNumericOverride_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Load(new() { ["Reelay:Pricing:Prices:local:std:5"] = "cheap" }));
        Assert.Contains("Reelay:Pricing:Prices:local:std:5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TooManyDecimals_Throws()
    {
        var prices = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>>
        {
            ["m"] = new Dictionary<string, IReadOnlyDictionary<string, decimal>> { ["std"] = new Dictionary<string, decimal> { ["5"] = 0.0000001m } },
        };
        Assert.Throws<InvalidOperationException>(() => new PriceTable(prices));
    }

    [Fact]
    public void PriceOf_NothingMatches_IsFree()
    {
        var table = new PriceTable(new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>>());
        Assert.Equal(0m, table.PriceOf(Request("anything", 5)));
    }
}
