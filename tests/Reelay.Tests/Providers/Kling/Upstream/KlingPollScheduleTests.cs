using Reelay.Jobs;
using Reelay.Providers.Kling.Upstream;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingPollScheduleTests
{
    [Theory]
    [InlineData(0, 0.5, 1)]        // never below the minimum
    [InlineData(10, 0.5, 5)]
    [InlineData(10, 0.0, 4.5)]     // −10 % jitter
    [InlineData(10, 1.0, 5.5)]     // +10 % jitter
    [InlineData(3600, 1.0, 30)]    // capped
    public void NextPoll_Elapsed_HalfElapsedJitteredWithinBounds(double elapsedSeconds, double random, double expectedSeconds)
    {
        var next = KlingPollSchedule.NextPoll(TimeSpan.FromSeconds(elapsedSeconds), TimeSpan.FromSeconds(30), random);

        Assert.Equal(expectedSeconds, next.TotalSeconds, 3);
    }

    [Fact]
    public void EstimateProgress_Submitted_StaysNearZero()
    {
        Assert.InRange(KlingPollSchedule.EstimateProgress(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(2), started: false), 0, 5);
    }

    [Fact]
    public void EstimateProgress_LongOverdue_NeverReaches100()
    {
        Assert.InRange(KlingPollSchedule.EstimateProgress(TimeSpan.FromHours(10), TimeSpan.FromMinutes(2), started: true), 95, 99);
    }

    [Fact]
    public void TypicalDuration_LongerAndPro_TakeLonger()
    {
        var basic = KlingPollSchedule.TypicalDuration(new VideoRequest { Model = "kling-v1" });
        var longPro = KlingPollSchedule.TypicalDuration(new VideoRequest { Model = "kling-v1", DurationSeconds = 10, Mode = VideoMode.Pro });

        Assert.True(longPro > basic);
    }
}
