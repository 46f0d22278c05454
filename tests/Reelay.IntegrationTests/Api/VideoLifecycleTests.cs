using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Api;

/// <summary>create → completed → raw, min and poster downloadable, probed by an independent ffprobe.</summary>
public sealed class VideoLifecycleTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReelayTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task CreateVideo_TextPrompt_CompletesWithThreeProbedVariants()
    {
        using var http = _server.Http(_server.User);
        var created = await Json.PostAsync(http, "/v1/videos", new { model = "local", prompt = "A peaceful mountain landscape with flowing river", duration = 2, aspect_ratio = "16:9", mode = "std", seed = 7 });
        Assert.Equal("video", created.GetProperty("object").GetString());
        Assert.Equal("queued", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetString()!;

        var done = await Json.WaitTerminalAsync(http, id);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(100, done.GetProperty("progress").GetInt32());
        Assert.True(done.GetProperty("completed_at").GetInt64() >= done.GetProperty("created_at").GetInt64());

        var outputs = done.GetProperty("outputs");
        using var anonymous = _server.Http();
        var dir = TempDirs.Create("reelay-dl");
        try
        {
            var raw = await DownloadAsync(anonymous, outputs.GetProperty("raw").GetProperty("url").GetString()!, Path.Combine(dir, "raw.mp4"));
            var rawInfo = await Ffprobe.ProbeAsync(raw);
            Assert.Equal("h264", rawInfo.Codec);
            Assert.Equal((1280, 720), (rawInfo.Width, rawInfo.Height));
            Assert.Equal(48, rawInfo.Frames);
            Assert.InRange(rawInfo.Duration, 1.95, 2.1);
            Assert.Equal(new FileInfo(raw).Length, outputs.GetProperty("raw").GetProperty("bytes").GetInt64());
            Assert.Equal(1280, outputs.GetProperty("raw").GetProperty("width").GetInt32());

            var min = await DownloadAsync(anonymous, outputs.GetProperty("min").GetProperty("url").GetString()!, Path.Combine(dir, "min.mp4"));
            var minInfo = await Ffprobe.ProbeAsync(min);
            Assert.Equal("h264", minInfo.Codec);
            Assert.True(Math.Min(minInfo.Width, minInfo.Height) <= 720);
            Assert.InRange(minInfo.Duration, 1.9, 2.1);

            var poster = await DownloadAsync(anonymous, outputs.GetProperty("poster").GetProperty("url").GetString()!, Path.Combine(dir, "poster.jpg"));
            var bytes = await File.ReadAllBytesAsync(poster);
            Assert.Equal(new byte[] { 0xFF, 0xD8 }, bytes[..2]);
            Assert.Equal("image/jpeg", outputs.GetProperty("poster").GetProperty("content_type").GetString());
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task GetContent_RangeAndConditionalRequests_AnswerPartialAndNotModified()
    {
        using var http = _server.Http(_server.User);
        var created = await Json.PostAsync(http, "/v1/videos", new { prompt = "range test", duration = 1 });
        var id = created.GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id);
        var total = done.GetProperty("outputs").GetProperty("raw").GetProperty("bytes").GetInt64();

        var full = await http.GetByteArrayAsync($"/v1/videos/{id}/content?variant=raw");
        Assert.Equal(total, full.Length);

        using var ranged = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/content?variant=raw");
        ranged.Headers.Range = new RangeHeaderValue(100, 1099);
        using var partial = await http.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType!.MediaType);
        Assert.Equal(full[100..1100], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(total, partial.Content.Headers.ContentRange!.Length);

        using var first = await http.GetAsync($"/v1/videos/{id}/content?variant=min");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/content?variant=min");
        conditional.Headers.IfNoneMatch.Add(etag!);
        using var notModified = await http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task GetContent_TamperedOrExpiredSignature_Forbidden()
    {
        using var http = _server.Http(_server.User);
        var created = await Json.PostAsync(http, "/v1/videos", new { prompt = "signature test", duration = 1 });
        var done = await Json.WaitTerminalAsync(http, created.GetProperty("id").GetString()!);
        var url = done.GetProperty("outputs").GetProperty("raw").GetProperty("url").GetString()!;
        using var anonymous = _server.Http();

        using var ok = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var otherVariant = await anonymous.GetAsync(url.Replace("variant=raw", "variant=min"));
        Assert.Equal(HttpStatusCode.Forbidden, otherVariant.StatusCode);
        var exp = System.Text.RegularExpressions.Regex.Match(url, "exp=([0-9]+)").Groups[1].Value;
        using var expired = await anonymous.GetAsync(url.Replace($"exp={exp}", "exp=1000"));
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Equal("application/problem+json", expired.Content.Headers.ContentType!.MediaType);
        using var noKey = await anonymous.GetAsync(new Uri(url).AbsolutePath + "?variant=raw");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    private static async Task<string> DownloadAsync(HttpClient http, string url, string path)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file);
        return path;
    }
}
