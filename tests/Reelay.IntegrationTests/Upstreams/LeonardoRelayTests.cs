using Reelay.IntegrationTests.Support;
using Reelay.Providers.Leonardo.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>Native jobs relayed to a Leonardo upstream (the emulator over real HTTP on loopback), end to end.</summary>
public sealed class LeonardoRelayTests
{
    private static async Task<(LeonardoEmulator Emulator, ReelayTestServer Server)> StartAsync()
    {
        var emulator = await LeonardoEmulator.StartAsync("http://127.0.0.1:0",
            new LeonardoEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(300), GenerationTime = TimeSpan.FromSeconds(2) });
        var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "leo-a",
            ["Reelay:Upstreams:0:Type"] = "leonardo",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.ApiKey,
            ["Reelay:Upstreams:0:Models:0"] = "kling-v2-1",
            ["Reelay:Upstreams:0:Models:1"] = "kling-v2-5-turbo",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.500",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:01",
        });
        return (emulator, server);
    }

    [Fact]
    public async Task NativeTextJob_Kling25Turbo_RelayedToLeonardoOnceAndIngested()
    {
        var (emulator, server) = await StartAsync();
        await using var _ = emulator;
        await using var __ = server;
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt = "relayed lighthouse", duration = 5 }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal(0, emulator.InitImageRequests);
        var received = Assert.Single(emulator.Received);
        Assert.Equal("relayed lighthouse", received.Prompt);
        Assert.Equal("KLING2_5", received.Model.Name);
        var raw = done.GetProperty("outputs").GetProperty("raw");
        Assert.Equal(1280, raw.GetProperty("width").GetInt32());
        using var anonymous = server.Http();
        var bytes = await anonymous.GetByteArrayAsync(raw.GetProperty("url").GetString());
        Assert.Equal(raw.GetProperty("bytes").GetInt64(), bytes.LongLength);
    }

    [Fact]
    public async Task NativeImageJob_Kling21_ImageUploadedOnceThenRelayedOnceAndIngested()
    {
        var (emulator, server) = await StartAsync();
        await using var _ = emulator;
        await using var __ = server;
        using var http = server.Http(server.User);
        var png = await TestMedia.ImageAsync(640, 360);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-1", prompt = "animate the test card", duration = 5, start_image = TestMedia.DataUri(png) }))
            .GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.TotalCreates);
        Assert.Equal(1, emulator.InitImageRequests);
        Assert.Equal(1, emulator.TotalUploads);
        var received = Assert.Single(emulator.Received);
        Assert.Equal("KLING2_1", received.Model.Name);
        Assert.Equal("UPLOADED", received.Image!.Type);
        Assert.Equal(png, emulator.UploadedImage(received.Image.Id));
        Assert.True(done.GetProperty("outputs").GetProperty("raw").GetProperty("bytes").GetInt64() > 0);
    }
}
