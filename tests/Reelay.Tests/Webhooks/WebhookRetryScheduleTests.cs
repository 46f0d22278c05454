using System.Net.Http.Headers;
using Reelay.Webhooks;

namespace Reelay.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delays_Schedule_IsStandardWebhooksEightAttempts()
    {
        TimeSpan[] expected =
        [
            TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
            TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
        ];
        Assert.Equal(expected, WebhookRetrySchedule.Delays);
        Assert.Equal(8, WebhookRetrySchedule.MaxAttempts);
    }

    [Fact]
    public void NextDelay_ManySeeds_WithinTenPercentOfNominal()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var schedule = new WebhookRetrySchedule(new Random(seed));
            for (var made = 1; made < WebhookRetrySchedule.MaxAttempts; made++)
            {
                var nominal = WebhookRetrySchedule.Delays[made];
                var delay = schedule.NextDelay(made)!.Value;
                Assert.InRange(delay, nominal * 0.9, nominal * 1.1);
            }
        }
    }

    [Fact]
    public void NextDelay_DifferentSeeds_Jittered()
    {
        var delays = Enumerable.Range(0, 50).Select(seed => new WebhookRetrySchedule(new Random(seed)).NextDelay(2)!.Value).ToHashSet();
        Assert.True(delays.Count > 40, $"only {delays.Count} distinct delays out of 50");
        Assert.Contains(delays, d => d < TimeSpan.FromMinutes(5));
        Assert.Contains(delays, d => d > TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void NextDelay_SameSeed_Reproducible() =>
        Assert.Equal(new WebhookRetrySchedule(new Random(7)).NextDelay(3), new WebhookRetrySchedule(new Random(7)).NextDelay(3));

    [Fact]
    public void NextDelay_AfterEighthAttempt_NullMeaningFailed()
    {
        var schedule = new WebhookRetrySchedule(new Random(1));
        Assert.NotNull(schedule.NextDelay(7));
        Assert.Null(schedule.NextDelay(8));
        Assert.Null(schedule.NextDelay(9));
    }

    [Fact]
    public void NextDelay_RetryAfterLongerThanSchedule_UsedAsLowerBound() =>
        Assert.Equal(TimeSpan.FromMinutes(2), new WebhookRetrySchedule(new Random(1)).NextDelay(1, TimeSpan.FromMinutes(2)));

    [Fact]
    public void NextDelay_RetryAfterShorterThanSchedule_ScheduleWins() =>
        Assert.InRange(new WebhookRetrySchedule(new Random(1)).NextDelay(2, TimeSpan.FromSeconds(1))!.Value, TimeSpan.FromMinutes(4.5), TimeSpan.FromMinutes(5.5));

    [Fact]
    public void NextDelay_HugeRetryAfter_CappedAtTenHours() =>
        Assert.Equal(TimeSpan.FromHours(10), new WebhookRetrySchedule(new Random(1)).NextDelay(1, TimeSpan.FromDays(30)));

    [Fact]
    public void NextDelay_RetryAfterOnLastAttempt_StillFailed() =>
        Assert.Null(new WebhookRetrySchedule(new Random(1)).NextDelay(8, TimeSpan.FromSeconds(10)));

    [Fact]
    public void NextAttemptAt_FirstFailure_AboutFiveSecondsLater() =>
        Assert.InRange(new WebhookRetrySchedule(new Random(3)).NextAttemptAt(1, Now)!.Value, Now.AddSeconds(4.5), Now.AddSeconds(5.5));

    [Fact]
    public void ParseRetryAfter_DeltaSeconds_ThatDelay() =>
        Assert.Equal(TimeSpan.FromSeconds(120), WebhookRetrySchedule.ParseRetryAfter(RetryConditionHeaderValue.Parse("120"), Now));

    [Fact]
    public void ParseRetryAfter_HttpDate_TimeUntilThatDate() =>
        Assert.Equal(TimeSpan.FromMinutes(10), WebhookRetrySchedule.ParseRetryAfter(RetryConditionHeaderValue.Parse(Now.AddMinutes(10).ToString("r")), Now));

    [Fact]
    public void ParseRetryAfter_PastHttpDate_Zero() =>
        Assert.Equal(TimeSpan.Zero, WebhookRetrySchedule.ParseRetryAfter(RetryConditionHeaderValue.Parse(Now.AddMinutes(-10).ToString("r")), Now));

    [Fact]
    public void ParseRetryAfter_Absent_Null() =>
        Assert.Null(WebhookRetrySchedule.ParseRetryAfter(null, Now));

    /// <summary>The stores take a next attempt beyond the horizon for a clock that stepped back; no real delay may reach it.</summary>
    [Fact]
    public void Delays_LongestWithJitterOrRetryAfter_StayInsideTheWebhookScheduleHorizon()
    {
        var longest = WebhookRetrySchedule.Delays.Max() * (1 + WebhookRetrySchedule.Jitter);

        Assert.True(longest < Reelay.Storage.ScheduleHorizon.Webhooks, $"{longest} reaches the horizon");
        Assert.True(WebhookRetrySchedule.MaxRetryAfter < Reelay.Storage.ScheduleHorizon.Webhooks);
    }
}
