using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Tests.Api;

public sealed class ResultLinksTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 20, 0, TimeSpan.Zero);

    private sealed class RecordingLinks : IBlobDownloadLinks
    {
        public List<(string Key, DateTimeOffset ExpiresAt)> Calls { get; } = [];

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
}
