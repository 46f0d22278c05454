using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Native;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Tests.Support;
using Reelay.Webhooks;

namespace Reelay.Tests.Webhooks;

/// <summary>Webhook payloads are composed at the transition and may be delivered by the last retry up to 72 h later.</summary>
public sealed class NativeWebhookComposerTests
{
    [Fact]
    public void Compose_Completed_EveryLinkValidTheTtlAfterTheLastPossibleRetry()
    {
        var time = new FakeTimeProvider();
        var options = Options.Create(new ReelayOptions { PublicBaseUrl = "http://h" });
        var links = new ResultLinks(new UrlSigner(new KeySecrets(new byte[32])), options);
        var composer = new NativeWebhookComposer(new NativeVideoMapper(links, options, time),
            new PublicBaseUrl(options, new ServiceCollection().BuildServiceProvider()));

        var message = Assert.Single(composer.Compose(Succeeded(time.GetUtcNow()), WebhookEvents.Completed, time.GetUtcNow()));

        using var payload = JsonDocument.Parse(message.Payload);
        var outputs = payload.RootElement.GetProperty("data").GetProperty("outputs");
        var lastAttempt = time.GetUtcNow() + WebhookRetrySchedule.LongestSpan;
        foreach (var variant in new[] { "raw", "min", "poster" })
        {
            var url = outputs.GetProperty(variant).GetProperty("url").GetString()!;
            var exp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(QueryHelpers.ParseQuery(new Uri(url).Query)["exp"]!, CultureInfo.InvariantCulture));
            Assert.True(exp >= lastAttempt + options.Value.Security.SignedUrlTtl, $"{variant} expires {exp:O}; the last retry may deliver it at {lastAttempt:O}");
        }
    }

    private static VideoJob Succeeded(DateTimeOffset now) => new()
    {
        Id = "job1",
        OwnerKeyId = Guid.Empty.ToString(),
        Request = new VideoRequest { Model = "local", Prompt = "p", Webhook = new WebhookTarget("http://receiver/hook", []) },
        Dialect = "native",
        Engine = "local",
        Status = JobStatus.Succeeded,
        CreatedAt = now,
        UpdatedAt = now,
        CompletedAt = now,
        DeadlineAt = now.AddMinutes(30),
        Outputs = new JobOutputs(
            new VideoOutput("jobs/job1/raw.mp4", "video/mp4", 1000, 1, 320, 180, "h264"),
            new VideoOutput("jobs/job1/min.mp4", "video/mp4", 500, 1, 320, 180, "h264"),
            new VideoOutput("jobs/job1/poster.jpg", "image/jpeg", 100, null, 320, 180, "mjpeg")),
    };
}
