using Reelay.Emulation;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>Result URLs that expired before the download: re-queried for a fresh one, or a clear failure when none is offered.</summary>
public sealed class UpstreamResultExpiryTests
{
    private static async Task<(KlingEmulator, ReelayTestServer)> StartAsync(int expiredUrls)
    {
        var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromMilliseconds(500),
            ResultVideoSize = "320x180",
            Faults = new EmulatorFaults { ExpiredResultUrls = expiredUrls },
        });
        var server = await ReelayTestServer.StartAsync(KlingUpstreamSettings.For(emulator));
        return (emulator, server);
    }

    [Fact]
    public async Task Ingest_ResultUrlExpired_RequeriesAndIngestsFreshUrl()
    {
        var (emulator, server) = await StartAsync(expiredUrls: 1);
        await using var _ = emulator; await using var __ = server;
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "expiring", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.ResultDownloads);
        Assert.Equal(1, emulator.SubmissionsFor(id));
    }

    [Fact]
    public async Task Ingest_UpstreamOffersOnlyExpiredUrls_FailsWithResultExpired()
    {
        var (emulator, server) = await StartAsync(expiredUrls: 1000);
        await using var _ = emulator; await using var __ = server;
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "gone", duration = 5 })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Equal("upstream_result_expired", done.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, emulator.ResultDownloads);
    }
}
