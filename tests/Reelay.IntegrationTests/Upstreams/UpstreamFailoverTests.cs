using Microsoft.Extensions.DependencyInjection;
using Reelay.Storage;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// Two upstreams for kling-v2-5-turbo: a Kling emulator in its own process (priority 1) and a Higgsfield emulator
/// (priority 2). The Kling process is killed, as an outage would; new jobs must then finish on Higgsfield at once,
/// each submitted exactly once, and the dead upstream's circuit must open so later jobs go straight to Higgsfield.
/// </summary>
public sealed class UpstreamFailoverTests
{
    [Fact]
    public async Task KlingProcessKilled_NewJobsFinishOnHiggsfield_EachSubmittedOnceAndCircuitOpen()
    {
        var klingPort = LoopbackPorts.Free();
        await using var kling = await ReelayProcess.StartEmulatorAsync("kling", klingPort, "--queue-seconds", "0.2", "--generation-seconds", "0.8");
        await using var higgsfield = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0",
            new HiggsfieldEmulatorOptions { QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromMilliseconds(800), ResultVideoSize = "320x180" });
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Scheduler:RetryDelay"] = "00:00:00.200",
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = $"http://127.0.0.1:{klingPort}",
            ["Reelay:Upstreams:0:AccessKey"] = KlingEmulatorOptions.DefaultAccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = KlingEmulatorOptions.DefaultSecretKey,
            ["Reelay:Upstreams:0:Priority"] = "1",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
            ["Reelay:Upstreams:1:Name"] = "hf-b",
            ["Reelay:Upstreams:1:Type"] = "higgsfield",
            ["Reelay:Upstreams:1:BaseUrl"] = higgsfield.BaseAddress.ToString(),
            ["Reelay:Upstreams:1:AccessKey"] = higgsfield.Options.ApiKey,
            ["Reelay:Upstreams:1:SecretKey"] = higgsfield.Options.Secret,
            ["Reelay:Upstreams:1:Priority"] = "2",
            ["Reelay:Upstreams:1:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:1:MaxPollInterval"] = "00:00:00.500",
        });
        using var http = server.Http(server.User);
        using var admin = server.Http(server.Admin);

        var healthy = await CreateAsync(http, "before the outage");
        Assert.Equal("completed", (await Json.WaitTerminalAsync(http, healthy, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());
        Assert.Equal(0, higgsfield.CreateRequests);

        await kling.KillAsync();
        var ids = new List<string>();
        for (var i = 0; i < 6; i++) ids.Add(await CreateAsync(http, $"during the outage {i}"));

        foreach (var id in ids)
        {
            // Before the fix these jobs stayed in submitting on the dead upstream toward the 30-minute deadline.
            var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(30));
            Assert.Equal("completed", done.GetProperty("status").GetString());
        }
        var prompts = higgsfield.Received.Select(r => r.Prompt).ToList();
        Assert.Equal(ids.Count, higgsfield.CreateRequests);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"during the outage {i}").Order(), prompts.Order());

        var upstreams = (await Json.GetAsync(admin, "/v1/upstreams")).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal("open", upstreams.Single(u => u.GetProperty("name").GetString() == "kling-a").GetProperty("circuit").GetString());
        // With the circuit open, a new job is routed to Higgsfield from the start: no failover, no call to the dead upstream.
        var later = await CreateAsync(http, "after the circuit opened");
        Assert.Equal("completed", (await Json.WaitTerminalAsync(http, later, TimeSpan.FromSeconds(30))).GetProperty("status").GetString());
        var store = server.Services.GetRequiredService<IJobStore>();
        var events = await store.GetEventsAsync(later, 0, CancellationToken.None);
        Assert.DoesNotContain(events, e => e.Type == "failover");
        Assert.Equal("hf-b", (await store.GetAsync(later, CancellationToken.None))!.Engine);
        Assert.Equal(ids.Count + 1, higgsfield.CreateRequests);
    }

    private static async Task<string> CreateAsync(HttpClient http, string prompt) =>
        (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v2-5-turbo", prompt, duration = 5 })).GetProperty("id").GetString()!;
}
