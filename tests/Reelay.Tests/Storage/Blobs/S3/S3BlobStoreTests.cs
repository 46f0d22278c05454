using System.Diagnostics;
using System.Net;
using System.Web;
using Reelay.Storage.Blobs.S3;
using Reelay.TestSupport;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs.S3;

/// <summary>S3-only behaviour: presigned links, bucket checks. The storage guarantees are in <see cref="S3BlobStoreContractTests"/>.</summary>
public sealed class S3BlobStoreTests(S3BucketFixture bucket) : IClassFixture<S3BucketFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>The fixture's server, another (not yet existing) bucket.</summary>
    private S3BlobStoreOptions OtherBucket(string prefix) => new()
    {
        Endpoint = bucket.Options.Endpoint, Bucket = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)], ForcePathStyle = true,
        AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey,
    };

    [Fact]
    public async Task CreateDownloadUrl_FetchedOverHttp_ReturnsTheBytesExactly()
    {
        using var store = S3Server.Store(bucket.Options);
        var content = GeneratedStream.Bytes(300_000, 21);
        await store.PutAsync("jobs/p1/raw.mp4", new MemoryStream(content), "video/mp4", None);

        var url = store.CreateDownloadUrl("jobs/p1/raw.mp4", DateTimeOffset.UtcNow.AddHours(1));

        Assert.StartsWith($"{bucket.Server.Endpoint}{bucket.Options.Bucket}/jobs/p1/raw.mp4?", url);
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task CreateDownloadUrl_PastItsExpiry_IsRefused()
    {
        using var store = S3Server.Store(bucket.Options);
        await store.PutAsync("jobs/p2/raw.mp4", new MemoryStream([1, 2, 3]), "video/mp4", None);
        var url = store.CreateDownloadUrl("jobs/p2/raw.mp4", DateTimeOffset.UtcNow.AddSeconds(3));
        using var http = new HttpClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url)).StatusCode);
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        while ((status = (await http.GetAsync(url)).StatusCode) == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(200);
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public void CreateDownloadUrl_ExpiryBeyondSevenDays_IsCappedAtSevenDays()
    {
        using var store = S3Server.Store(bucket.Options);

        var url = store.CreateDownloadUrl("jobs/p3/raw.mp4", DateTimeOffset.UtcNow.AddDays(30));

        var expires = long.Parse(HttpUtility.ParseQueryString(new Uri(url).Query)["X-Amz-Expires"]!);
        Assert.InRange(expires, 7 * 86400 - 60, 7 * 86400);
    }

    [Fact]
    public async Task PingAsync_BucketMissing_False()
    {
        using var store = S3Server.Store(OtherBucket("no-such-bucket"));

        Assert.False(await store.PingAsync(None));
    }

    [Fact]
    public async Task EnsureBucketAsync_MissingThenExisting_CreatesOnceAndStaysQuiet()
    {
        using var store = S3Server.Store(OtherBucket("created"));

        await store.EnsureBucketAsync(None);
        await store.EnsureBucketAsync(None);

        Assert.True(await store.PingAsync(None));
    }
}
