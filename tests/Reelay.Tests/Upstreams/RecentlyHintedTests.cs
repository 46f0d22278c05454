using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class RecentlyHintedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Filter_IdSeenWithinMemory_DroppedUntilForgotten()
    {
        var recent = new RecentlyHinted();

        var first = recent.Filter(["a", "b"], T0, TimeSpan.FromSeconds(10));
        var overlap = recent.Filter(["b", "c"], T0.AddSeconds(2), TimeSpan.FromSeconds(10));
        var later = recent.Filter(["a", "c"], T0.AddSeconds(11), TimeSpan.FromSeconds(10));

        Assert.Equal(["a", "b"], first);
        Assert.Equal(["c"], overlap);
        Assert.Equal(["a"], later); // a (hinted at 0 s) is forgotten at 11 s; c (at 2 s) is still remembered
    }
}
