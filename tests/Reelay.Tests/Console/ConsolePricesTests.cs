using Reelay.Credits;
using Reelay.Jobs;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class ConsolePricesTests
{
    private static readonly ModelCatalog Catalog = new(
    [
        new ModelSpec { Name = "cheap", Durations = [5, 10], Modes = ["std", "pro"], AspectRatios = ["16:9"] },
        new ModelSpec { Name = "dear", Durations = [5], Modes = ["std"], AspectRatios = ["16:9"] },
    ]);

    private static readonly PriceTable Prices = new(new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>>
    {
        ["*"] = new Dictionary<string, IReadOnlyDictionary<string, decimal>>
        {
            ["std"] = new Dictionary<string, decimal> { ["5"] = 1m, ["perSecond"] = 0.2m },
            ["pro"] = new Dictionary<string, decimal> { ["perSecond"] = 0.3m },
        },
        ["dear"] = new Dictionary<string, IReadOnlyDictionary<string, decimal>>
        {
            ["std"] = new Dictionary<string, decimal> { ["5"] = 7m },
        },
    });

    [Fact]
    public void Of_Catalog_PricesEveryOfferedChoiceAsThePriceTableDoes()
    {
        var table = ConsolePrices.Of(Catalog, Prices);

        Assert.Equal(1m, table["cheap"]["std"]["5"]);
        Assert.Equal(2m, table["cheap"]["std"]["10"]);
        Assert.Equal(3m, table["cheap"]["pro"]["10"]);
        Assert.Equal(7m, table["dear"]["std"]["5"]);
        Assert.False(table["dear"].ContainsKey("pro"));
    }

    [Theory]
    [InlineData(0, "free")]
    [InlineData(1, "1 credit")]
    [InlineData(1.5, "1.5 credits")]
    public void Label_Credits_ReadsNaturally(double credits, string expected) =>
        Assert.Equal(expected, ConsolePrices.Label((decimal)credits));
}
