using Reelay.IntegrationTests.Support;
using Reelay.Providers.HyprLab.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>A native job relayed to a HyprLab upstream (the emulator over real HTTP on loopback), end to end.</summary>
public sealed class HyprLabRelayTests
{
    [Fact]
    public async Task NativeJob_KlingModel_RelayedToHyprLabOnceAndIngested()
    {
        await using var emulator = await HyprLabEmulator.StartAsync("http://127.0.0.1:0", new HyprLabEmulatorOptions
        {
            ApiKey = "hl-it-key",
            QueueTime = TimeSpan.FromMilliseconds(300),
            GenerationTime = TimeSpan.FromSeconds(2),
        });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "hyprlab-a",
            ["Reelay:Upstreams:0:Type"] = "hyprlab",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = "hl-it-key",
            ["Reelay:Upstreams:0:SecretKey"] = "unused",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        });
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1-6", prompt = "relayed through hyprlab", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal("kling-v1.6-standard", Assert.Single(emulator.CreatedRequests).Extension("hyprlab.model"));
        var raw = done.GetProperty("outputs").GetProperty("raw");
        Assert.Equal(1280, raw.GetProperty("width").GetInt32());
        using var anonymous = server.Http();
        var bytes = await anonymous.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal(raw.GetProperty("bytes").GetInt64(), bytes.LongLength);
    }
}
