using System.Net;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.ApiFrame.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>A native job relayed to an APIFrame upstream (the emulator over real HTTP on loopback), end to end.</summary>
public sealed class ApiFrameRelayTests
{
    [Fact]
    public async Task NativeJob_KlingModel_RelayedToApiFrameOnceAndIngested()
    {
        await using var emulator = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", new ApiFrameEmulatorOptions
        {
            ApiKey = "af-it-key",
            QueueTime = TimeSpan.FromMilliseconds(300),
            GenerationTime = TimeSpan.FromSeconds(2),
        });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "apiframe-a",
            ["Reelay:Upstreams:0:Type"] = "apiframe",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = "af-it-key",
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:Models:0"] = "kling-v1",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        });
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "relayed through apiframe", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        var sent = Assert.Single(emulator.CreatedRequests);
        Assert.Equal("relayed through apiframe", sent.Prompt);
        Assert.Null(sent.WebhookUrl);   // no Reelay:PublicBaseUrl here
        var raw = done.GetProperty("outputs").GetProperty("raw");
        Assert.Equal(1280, raw.GetProperty("width").GetInt32());
        using var anonymous = server.Http();
        var bytes = await anonymous.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal(raw.GetProperty("bytes").GetInt64(), bytes.LongLength);
    }

    [Fact]
    public async Task ImageJob_WithPublicBaseUrl_ApiFrameFetchesStoredImageThroughSignedLinkAndWebhooksArrive()
    {
        var port = LoopbackPorts.Free();
        var publicBase = $"http://127.0.0.1:{port}";
        await using var emulator = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", new ApiFrameEmulatorOptions
        {
            ApiKey = "af-it-key",
            QueueTime = TimeSpan.FromMilliseconds(300),
            GenerationTime = TimeSpan.FromSeconds(2),
            FetchImages = true,
        });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:PublicBaseUrl"] = publicBase,
            ["Reelay:Upstreams:0:Name"] = "apiframe-a",
            ["Reelay:Upstreams:0:Type"] = "apiframe",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = "af-it-key",
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:Models:0"] = "kling-v1",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:05",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:05",
        }, urls: publicBase);
        using var http = server.Http(server.User);
        var png = await TestMedia.ImageAsync(640, 360);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "animate", duration = 5, start_image = TestMedia.DataUri(png) }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        var sent = Assert.Single(emulator.CreatedRequests);
        Assert.Equal("image2video", sent.GenerationType);
        Assert.StartsWith($"{publicBase}/v1/inputs/", sent.ImageUrl);
        Assert.Equal($"{publicBase}/v1/upstream-callbacks/apiframe/{id}", sent.WebhookUrl);
        // Webhooks (processing, finished) reach Reelay's hint route; failures would count in WebhooksFailed.
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.WebhooksSent), n => n == 2, TimeSpan.FromSeconds(30), "both webhooks delivered");
        Assert.Equal(0, emulator.WebhooksFailed);
        using var anonymous = server.Http();
        Assert.Equal(png, await anonymous.GetByteArrayAsync(sent.ImageUrl));
        // The link opens that one image only: a changed signature is refused.
        using var tampered = await anonymous.GetAsync(sent.ImageUrl![..^4] + "0000");
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }
}
