using Reelay.IntegrationTests.Support;
using Reelay.Providers.Highway.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>A native Kling 2.5 Turbo job relayed to a Highway upstream — the emulator over real HTTP on loopback.</summary>
public sealed class HighwayRelayTests
{
    [Fact]
    public async Task NativeJob_Kling25Turbo_RelayedToHighwayOnceAndIngested()
    {
        await using var emulator = await HighwayEmulator.StartAsync("http://127.0.0.1:0",
            new HighwayEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(2) });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "hw-a",
            ["Reelay:Upstreams:0:Type"] = "highway",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.ApiKey,
            // Highway has one credential (the Bearer key, AccessKey); configuration still demands a SecretKey, which highway ignores.
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:Models:0"] = "kling-v2-5-turbo",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        });
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt = "relayed train", duration = 5, aspect_ratio = "9:16" }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        var received = Assert.Single(emulator.Received);
        Assert.Equal("relayed train", received.Prompt);
        Assert.Equal("9:16", received.AspectRatio);
        var raw = done.GetProperty("outputs").GetProperty("raw");
        Assert.Equal(1280, raw.GetProperty("width").GetInt32());
        using var anonymous = server.Http();
        var bytes = await anonymous.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal(raw.GetProperty("bytes").GetInt64(), bytes.LongLength);
    }

    [Fact]
    public async Task NativeJob_WithPublicBaseUrl_CompletesPromptlyThanksToTheWebhook()
    {
        var publicBase = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        await using var emulator = await HighwayEmulator.StartAsync("http://127.0.0.1:0",
            new HighwayEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(1), ResultVideoSize = "320x180" });
        // Polling alone would first look after 60 s: a job done within 30 s was hurried by the webhook.
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:PublicBaseUrl"] = publicBase,
            ["Reelay:Upstreams:0:Name"] = "hw-a",
            ["Reelay:Upstreams:0:Type"] = "highway",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.ApiKey,
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:Models:0"] = "kling-v2-5-turbo",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:01:00",
            ["Reelay:Upstreams:0:TypicalMinGeneration"] = "00:01:00",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:02:00",
        }, urls: publicBase);
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt = "hurried train", duration = 5 }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal($"{publicBase}/v1/upstream-callbacks/highway/{id}", Assert.Single(emulator.Received).Webhook?.Url);
        // Counted once Reelay has answered, which may trail the hinted poll.
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.WebhooksSent), n => n == 1, TimeSpan.FromSeconds(30), "the webhook delivered");
        Assert.Equal(0, emulator.WebhooksFailed);
    }
}
