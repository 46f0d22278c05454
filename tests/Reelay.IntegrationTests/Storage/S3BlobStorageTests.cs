using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using Reelay.Storage.Blobs.S3;
using Reelay.TestSupport;

namespace Reelay.IntegrationTests.Storage;

/// <summary>A server keeping its results in S3 (s3rver on loopback): jobs complete and their files come back byte-exact.</summary>
public sealed class S3BlobStorageTests(S3BucketFixture bucket) : IClassFixture<S3BucketFixture>
{
    private static readonly string[] Variants = ["raw", "min", "poster"];

    [Fact]
    public async Task CompletedJob_ContentThroughReelay_ByteExactWithRanges()
    {
        await using var server = await ReelayTestServer.StartAsync(bucket.ReelaySettings());
        using var http = server.Http(server.User);
        var (id, outputs) = await CompleteJobAsync(http);

        foreach (var variant in Variants)
        {
            var stored = await StoredBytesAsync(id, outputs, variant);
            var url = outputs.GetProperty(variant).GetProperty("url").GetString()!;
            Assert.StartsWith(server.BaseAddress.ToString(), url);
            using var anonymous = server.Http();
            Assert.Equal(stored, await anonymous.GetByteArrayAsync(url));
            Assert.Equal(stored, await http.GetByteArrayAsync($"/v1/videos/{id}/content?variant={variant}"));
        }
        Assert.Empty(Directory.GetFiles(server.DataDir, "*.mp4", SearchOption.AllDirectories));

        var raw = await StoredBytesAsync(id, outputs, "raw");
        var rawUrl = outputs.GetProperty("raw").GetProperty("url").GetString()!;
        using var ranged = new HttpRequestMessage(HttpMethod.Get, rawUrl);
        ranged.Headers.Range = new RangeHeaderValue(100, 1099);
        using var partial = await http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(new ContentRangeHeaderValue(100, 1099, raw.Length), partial.Content.Headers.ContentRange);
        Assert.Equal(raw[100..1100], await partial.Content.ReadAsByteArrayAsync());

        using var tail = new HttpRequestMessage(HttpMethod.Get, rawUrl);
        tail.Headers.Range = new RangeHeaderValue(null, 500);
        using var suffix = await http.SendAsync(tail);
        Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
        Assert.Equal(raw[^500..], await suffix.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, rawUrl);
        beyond.Headers.Range = new RangeHeaderValue(raw.Length + 10, null);
        using var unsatisfiable = await http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);

        using var ready = await http.GetAsync("/readyz");
        Assert.Equal("ok", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("blobs").GetString());
    }

    [Fact]
    public async Task PresignResultLinks_ResultUrlsPointAtTheBucketAndDownloadByteExact()
    {
        var newBucket = $"presign-{Guid.NewGuid():N}";
        await using var server = await ReelayTestServer.StartAsync(bucket.ReelaySettings(presignResultLinks: true, bucket: newBucket, createBucket: true));
        using var http = server.Http(server.User);
        var (id, outputs) = await CompleteJobAsync(http);

        using var direct = new HttpClient();
        foreach (var variant in Variants)
        {
            var url = outputs.GetProperty(variant).GetProperty("url").GetString()!;
            Assert.StartsWith($"{bucket.Server.Endpoint}{newBucket}/", url);
            Assert.Contains("X-Amz-Signature=", url);
            Assert.Equal(await StoredBytesAsync(id, outputs, variant, newBucket), await direct.GetByteArrayAsync(url));
        }
    }

    private static async Task<(string Id, JsonElement Outputs)> CompleteJobAsync(HttpClient http)
    {
        var created = await Json.PostAsync(http, "/v1/videos", new { model = "local", prompt = "Objects in a bucket", duration = 1, seed = 3 });
        var id = created.GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        return (id, done.GetProperty("outputs"));
    }

    /// <summary>The variant's bytes as S3 holds them, read with the SDK (not through Reelay).</summary>
    private async Task<byte[]> StoredBytesAsync(string id, JsonElement outputs, string variant, string? bucketName = null)
    {
        var options = bucket.Options;
        using var store = S3Server.Store(bucketName is null ? options : new S3BlobStoreOptions
        {
            Endpoint = options.Endpoint, Bucket = bucketName, ForcePathStyle = true, AccessKey = S3Server.AccessKey, SecretKey = S3Server.SecretKey,
        });
        var expected = outputs.GetProperty(variant).GetProperty("bytes").GetInt64();
        await using var stream = await store.OpenReadAsync($"jobs/{id}/{variant}{(variant == "poster" ? ".jpg" : ".mp4")}", CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(expected, copy.Length);
        return copy.ToArray();
    }

}
