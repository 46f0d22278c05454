using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class InFlightEstimateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    [Fact]
    public void TryAdmitWithoutCount_NeverCounted_NeedsCount()
    {
        Assert.False(new InFlightEstimate().TryAdmitWithoutCount(T0, Fresh, 1000));
    }

    [Fact]
    public void TryAdmitWithoutCount_FreshCountFarBelowLimit_AdmitsUntilHalfTheLimit()
    {
        var estimate = new InFlightEstimate();
        Assert.True(estimate.Counted(40, T0, 100)); // 41 with this admission

        var admitted = 0;
        while (estimate.TryAdmitWithoutCount(T0 + TimeSpan.FromMilliseconds(500), Fresh, 100)) admitted++;

        Assert.Equal(9, admitted); // 41 + 9 = 50 = half the limit; the next check must count
    }

    [Fact]
    public void TryAdmitWithoutCount_CountOlderThanFreshness_NeedsCount()
    {
        var estimate = new InFlightEstimate();
        estimate.Counted(0, T0, 100);

        Assert.False(estimate.TryAdmitWithoutCount(T0 + Fresh + TimeSpan.FromMilliseconds(1), Fresh, 100));
    }

    [Fact]
    public void Counted_AtLimit_RefusesAndSmallLimitAlwaysCounts()
    {
        var estimate = new InFlightEstimate();

        Assert.False(estimate.Counted(1, T0, 1));
        Assert.True(estimate.Counted(0, T0, 1));
        Assert.False(estimate.TryAdmitWithoutCount(T0, Fresh, 1));
    }
}
