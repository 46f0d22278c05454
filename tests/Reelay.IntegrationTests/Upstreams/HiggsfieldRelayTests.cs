using Reelay.IntegrationTests.Support;
using Reelay.Providers.Higgsfield.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>A native Kling 2.5 Turbo job relayed to a Higgsfield upstream — the emulator over real HTTP on loopback.</summary>
public sealed class HiggsfieldRelayTests
{
    [Fact]
    public async Task NativeJob_Kling25Turbo_RelayedToHiggsfieldOnceAndIngested()
    {
        await using var emulator = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0",
            new HiggsfieldEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(2) });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "hf-a",
            ["Reelay:Upstreams:0:Type"] = "higgsfield",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.ApiKey,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.Secret,
            ["Reelay:Upstreams:0:Models:0"] = "kling-v2-5-turbo",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        });
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt = "relayed lighthouse", duration = 5 }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal("relayed lighthouse", Assert.Single(emulator.Received).Prompt);
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
        await using var emulator = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0",
            new HiggsfieldEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(1), ResultVideoSize = "320x180" });
        // Polling alone would first look after 60 s: a job done within 30 s was hurried by the webhook.
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:PublicBaseUrl"] = publicBase,
            ["Reelay:Upstreams:0:Name"] = "hf-a",
            ["Reelay:Upstreams:0:Type"] = "higgsfield",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.ApiKey,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.Secret,
            ["Reelay:Upstreams:0:Models:0"] = "kling-v2-5-turbo",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:01:00",
            ["Reelay:Upstreams:0:TypicalMinGeneration"] = "00:01:00",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:02:00",
        }, urls: publicBase);
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt = "hurried lighthouse", duration = 5 }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal($"{publicBase}/v1/upstream-callbacks/higgsfield/{id}", Assert.Single(emulator.Received).Webhook?.Url);
        // Counted once Reelay has answered, which may trail the hinted poll.
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.WebhooksSent), n => n == 1, TimeSpan.FromSeconds(30), "the webhook delivered");
        Assert.Equal(0, emulator.WebhooksFailed);
    }
}
