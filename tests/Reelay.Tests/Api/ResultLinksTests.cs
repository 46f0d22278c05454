using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Webhooks;

namespace Reelay.Tests.Api;

public sealed class ResultLinksTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 20, 0, TimeSpan.Zero);

    private sealed class RecordingLinks : IBlobDownloadLinks
    {
        public List<(string Key, DateTimeOffset ExpiresAt)> Calls { get; } = [];

        public TimeSpan MaxLifetime => TimeSpan.FromDays(7);

        public string CreateDownloadUrl(string key, DateTimeOffset expiresAt)
        {
            Calls.Add((key, expiresAt));
            return $"http://bucket.example/{key}?signed";
        }
    }

    private static ResultLinks Links(IBlobDownloadLinks? direct) =>
        new(new UrlSigner(new KeySecrets(new byte[32])), Options.Create(new ReelayOptions()), direct);

    private static VideoJob Job(bool stored) => new()
    {
        Id = "job1",
        OwnerKeyId = Guid.Empty.ToString(),
        Request = new VideoRequest { Model = "local", Prompt = "p" },
        Dialect = "native",
        Engine = "local",
        Status = stored ? JobStatus.Succeeded : JobStatus.Running,
        CreatedAt = Now,
        UpdatedAt = Now,
        DeadlineAt = Now.AddMinutes(30),
        Outputs = stored
            ? new JobOutputs(
                new VideoOutput("jobs/noop/raw.mp4", "video/mp4", 1000, 1, 320, 180, "h264"),
                new VideoOutput("jobs/noop/min.mp4", "video/mp4", 500, 1, 320, 180, "h264"),
                new VideoOutput("jobs/noop/poster.jpg", "image/jpeg", 100, null, 320, 180, "mjpeg"))
            : null,
    };

    [Fact]
    public void Build_DirectLinksConfigured_PresignsTheVariantsBlobWithTheLinkExpiry()
    {
        var direct = new RecordingLinks();
        var links = Links(direct);

        var url = links.Build("http://reelay", Job(stored: true), "min", Now);

        Assert.Equal("http://bucket.example/jobs/noop/min.mp4?signed", url);
        Assert.Equal([("jobs/noop/min.mp4", links.ExpiresAt(Now))], direct.Calls);
    }

    [Fact]
    public void Build_NoDirectLinks_SignedReelayLink() =>
        Assert.StartsWith("http://reelay/v1/videos/job1/content?variant=raw&exp=", Links(null).Build("http://reelay", Job(stored: true), "raw", Now));

    [Fact]
    public void Build_DirectLinksButNothingStored_SignedReelayLink()
    {
        var direct = new RecordingLinks();

        var url = Links(direct).Build("http://reelay", Job(stored: false), "raw", Now);

        Assert.StartsWith("http://reelay/v1/videos/job1/content?variant=raw&exp=", url);
        Assert.Empty(direct.Calls);
    }

    [Fact]
    public void LifetimeFor_Webhook_OutlivesTheLongestRetrySpanByTheTtl()
    {
        var links = Links(null);

        Assert.Equal(TimeSpan.FromHours(72), WebhookRetrySchedule.LongestSpan);
        Assert.Equal(TimeSpan.FromHours(24), links.LifetimeFor(LinkPurpose.Read));
        Assert.Equal(TimeSpan.FromHours(24 + 72), links.LifetimeFor(LinkPurpose.Webhook));
        Assert.Equal(TimeSpan.FromDays(30), links.LifetimeFor(LinkPurpose.Read, TimeSpan.FromDays(30)));
        Assert.Equal(TimeSpan.FromDays(30) + TimeSpan.FromHours(72), links.LifetimeFor(LinkPurpose.Webhook, TimeSpan.FromDays(30)));
        Assert.Equal(TimeSpan.FromHours(24), links.LifetimeFor(LinkPurpose.Read, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void LongestSpan_EveryAttemptOfTheSchedule_FallsWithinIt()
    {
        // Every delay at its worst: jitter at +10 % and a receiver asking Retry-After beyond the cap.
        var schedule = new WebhookRetrySchedule(new MaxJitter());
        var total = TimeSpan.Zero;
        for (var made = 1; schedule.NextDelay(made, TimeSpan.FromDays(1)) is { } delay; made++) total += delay;

        Assert.True(total <= WebhookRetrySchedule.LongestSpan, $"the schedule took {total}, beyond {WebhookRetrySchedule.LongestSpan}");
        Assert.True(total > WebhookRetrySchedule.LongestSpan - TimeSpan.FromHours(1), $"the bound {WebhookRetrySchedule.LongestSpan} is loose: {total}");
    }

    [Fact]
    public void Build_LifetimeBeyondTheDirectBackendsLimit_SignedReelayLinkValidThatLong()
    {
        var direct = new RecordingLinks();
        var links = Links(direct);

        var url = links.Build("http://reelay", Job(stored: true), "raw", Now, TimeSpan.FromDays(30));

        Assert.Empty(direct.Calls);
        var exp = long.Parse(url[(url.IndexOf("exp=", StringComparison.Ordinal) + 4)..url.IndexOf("&sig", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(ResultLinks.ExpiresAt(Now, TimeSpan.FromDays(30)).ToUnixTimeSeconds(), exp);
        Assert.True(DateTimeOffset.FromUnixTimeSeconds(exp) >= Now.AddDays(30));
    }

    /// <summary>NextDouble at its top: the jitter factor is then (almost) 1 + Jitter.</summary>
    private sealed class MaxJitter : Random
    {
        public override double NextDouble() => 0.999999999;
    }
}
