using Reelay.Jobs;

namespace Reelay.Tests.Jobs;

public sealed class JobIdsTests
{
    [Fact]
    public void New_ManyInSameMillisecond_StrictlyIncreasingVersion7()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 5000).Select(_ => JobIds.New(now)).ToList();
        for (var i = 1; i < ids.Count; i++) Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]}");
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        Assert.All(ids, id => Assert.Equal('8', char.ToLowerInvariant(id[19]) is >= '8' and <= 'b' ? '8' : id[19]));
    }

    [Fact]
    public void New_ClockGoesBack_StillIncreasing()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var a = JobIds.New(now);
        var b = JobIds.New(now.AddSeconds(-30));
        Assert.True(string.CompareOrdinal(a, b) < 0);
    }
}
