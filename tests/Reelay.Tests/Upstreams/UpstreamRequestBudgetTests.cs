using Microsoft.Extensions.Time.Testing;
using Reelay.Tests.Support;
using Reelay.Upstreams;

namespace Reelay.Tests.Upstreams;

public sealed class UpstreamRequestBudgetTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void TryTake_BurstThenEmpty_DefersWithoutGranting()
    {
        var budget = new UpstreamRequestBudget(5, _clock);
        for (var i = 0; i < 5; i++) Assert.Null(budget.TryTake());

        Assert.NotNull(budget.TryTake());
        Assert.Equal(1, budget.Deferred);
    }

    [Fact]
    public void TryTake_OverTime_GrantsAtMostTheRatePlusBurst()
    {
        var budget = new UpstreamRequestBudget(10, _clock);
        var granted = 0;
        for (var step = 0; step < 100; step++) // 10 s in 100 ms steps, 20 attempts each
        {
            for (var i = 0; i < 20; i++) if (budget.TryTake() is null) granted++;
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        Assert.InRange(granted, 100, 10 + 100);
    }

    [Fact]
    public void TryTake_ManyDeferred_SpreadOneIntervalApart()
    {
        var budget = new UpstreamRequestBudget(4, _clock);
        for (var i = 0; i < 4; i++) budget.TryTake();

        var delays = Enumerable.Range(0, 4).Select(_ => budget.TryTake()!.Value).ToList();

        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(1)], delays);
    }
}
