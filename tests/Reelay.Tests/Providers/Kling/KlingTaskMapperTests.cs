using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Kling;
using Reelay.Security;
using Reelay.Tests.Support;
using Reelay.Webhooks;

namespace Reelay.Tests.Providers.Kling;

public sealed class KlingTaskMapperTests
{
    private static readonly DateTimeOffset Created = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KlingTaskMapper _mapper = new(
        new ResultLinks(new UrlSigner(new KeySecrets(new byte[32])), Options.Create(new ReelayOptions())), new FakeTimeProvider());

    [Theory]
    [InlineData(JobStatus.Queued, "submitted")]
    [InlineData(JobStatus.Running, "processing")]
    [InlineData(JobStatus.Succeeded, "succeed")]
    [InlineData(JobStatus.Failed, "failed")]
    [InlineData(JobStatus.Canceled, "failed")]
    public void ToTask_EachStatus_KlingVocabulary(JobStatus status, string expected)
    {
        var task = _mapper.ToTask(Job(status, 5, 5.0), "http://h");
        Assert.Equal(expected, task.TaskStatus);
        Assert.Equal(Created.ToUnixTimeMilliseconds(), task.CreatedAt);
        Assert.Equal(status == JobStatus.Succeeded, task.TaskResult is not null);
    }

    [Theory]
    [InlineData(5, 5.042, "5.042", "1")]
    [InlineData(5, 5.0, "5.0", "1")]
    [InlineData(10, 10.1, "10.1", "2")]
    public void ToTask_Succeeded_DurationStringAndUnits(int requested, double measured, string duration, string units)
    {
        var task = _mapper.ToTask(Job(JobStatus.Succeeded, requested, measured), "http://h");
        var video = Assert.Single(task.TaskResult!.Videos);
        Assert.Equal(duration, video.Duration);
        Assert.Equal(units, task.FinalUnitDeduction);
        Assert.StartsWith("http://h/v1/videos/job1/content?variant=raw&", video.Url);
    }

    [Fact]
    public void ToTask_Succeeded_LinkLivesAsLongAsKlingsThirtyDays()
    {
        var now = new FakeTimeProvider();
        var mapper = new KlingTaskMapper(Links(), now);

        var url = Assert.Single(mapper.ToTask(Job(JobStatus.Succeeded, 5, 5.0), "http://h").TaskResult!.Videos).Url;

        Assert.True(Expiry(url) >= now.GetUtcNow().AddDays(30), $"the link expires {Expiry(url):O}");
    }

    [Fact]
    public void Compose_SucceededWithCallback_LinkOutlivesTheLastRetryByThirtyDays()
    {
        var now = new FakeTimeProvider();
        var composer = new KlingWebhookComposer(new KlingTaskMapper(Links(), now),
            new PublicBaseUrl(Options.Create(new ReelayOptions { PublicBaseUrl = "http://h" }), new ServiceCollection().BuildServiceProvider()));
        var job = Job(JobStatus.Succeeded, 5, 5.0);
        job = job with { Request = job.Request with { Webhook = new WebhookTarget("http://receiver/cb", []) } };

        var message = Assert.Single(composer.Compose(job, WebhookEvents.Completed, now.GetUtcNow()));

        using var payload = System.Text.Json.JsonDocument.Parse(message.Payload);
        var url = payload.RootElement.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString()!;
        var lastAttempt = now.GetUtcNow() + Reelay.Webhooks.WebhookRetrySchedule.LongestSpan;
        Assert.True(Expiry(url) >= lastAttempt.AddDays(30), $"the link expires {Expiry(url):O}; the last retry may deliver it at {lastAttempt:O}");
    }

    private static ResultLinks Links() => new(new UrlSigner(new KeySecrets(new byte[32])), Options.Create(new ReelayOptions()));

    private static DateTimeOffset Expiry(string url)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(url).Query);
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToTask_ContentRejected_FailedMentioningContentSafety()
    {
        var job = Job(JobStatus.Failed, 5, null) with { Error = new JobError(JobErrorCodes.ContentRejected, "nsfw") };
        var task = _mapper.ToTask(job, "http://h");
        Assert.Equal("failed", task.TaskStatus);
        Assert.Contains("content safety", task.TaskStatusMsg);
        Assert.Equal("0", task.FinalUnitDeduction);
    }

    [Fact]
    public void KindOf_NativeJobWithStartImage_Image2Video()
    {
        var job = Job(JobStatus.Queued, 5, null) with { Request = new VideoRequest { Model = "local", StartImage = "blob:inputs/x.png" } };
        Assert.Equal("image2video", KlingTaskMapper.KindOf(job));
    }

    private static VideoJob Job(JobStatus status, int duration, double? measured) => new()
    {
        Id = "job1",
        OwnerKeyId = Guid.Empty.ToString(),
        Request = new VideoRequest { Model = "kling-v1", Prompt = "p", DurationSeconds = duration },
        Dialect = "kling",
        Engine = "local",
        Status = status,
        CreatedAt = Created,
        UpdatedAt = Created.AddSeconds(3),
        DeadlineAt = Created.AddMinutes(30),
        Outputs = status == JobStatus.Succeeded
            ? new JobOutputs(
                new VideoOutput("results/job1/raw.mp4", "video/mp4", 1000, measured, 1280, 720, "h264"),
                new VideoOutput("results/job1/min.mp4", "video/mp4", 500, measured, 1280, 720, "h264"),
                new VideoOutput("results/job1/poster.jpg", "image/jpeg", 100, null, 1280, 720, "mjpeg"))
            : null,
    };
}
