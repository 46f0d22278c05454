using System.Diagnostics;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

public sealed class UpstreamRequestBudgetTests
{
    [Fact]
    public async Task ManyJobsInFlight_StatusCallsStayWithinBudgetAndAllComplete()
    {
        const int budget = 5;
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(3),
            ResultVideoSize = "320x180",
        });
        // Polls unthrottled (5 queries a second per job), so only the budget limits them.
        var settings = KlingUpstreamSettings.For(emulator, firstPollAfter: "00:00:00.200", maxPollInterval: "00:00:00.200");
        settings[KlingUpstreamSettings.Prefix + "MaxConcurrentJobs"] = "50";
        settings[KlingUpstreamSettings.Prefix + "MaxStatusCallsPerSecond"] = budget.ToString();
        await using var server = await ReelayTestServer.StartAsync(settings);
        using var http = server.Http(server.User);
        var ids = new List<string>();
        for (var i = 0; i < 15; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"budget {i}", duration = 5 })).GetProperty("id").GetString()!);

        var samples = new List<(TimeSpan At, int Calls)>();
        var clock = Stopwatch.StartNew();
        using var watch = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                lock (samples) samples.Add((clock.Elapsed, emulator.TotalStatusCalls));
                await Task.Delay(100);
            }
        });
        foreach (var id in ids) Assert.Equal("completed", (await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(90))).GetProperty("status").GetString());
        await watch.CancelAsync();
        await watcher;

        // Over any 2 s window: at most 2 s of budget plus one burst (and one sample of slack at each end).
        var worst = 0;
        lock (samples)
        {
            foreach (var (at, calls) in samples)
            {
                var later = samples.LastOrDefault(s => s.At <= at + TimeSpan.FromSeconds(2));
                worst = Math.Max(worst, later.Calls - calls);
            }
        }
        Assert.InRange(worst, 1, 2 * budget + budget + 2);
        using var admin = server.Http(server.Admin);
        var upstream = (await Json.GetAsync(admin, "/v1/upstreams")).GetProperty("data")[0];
        Assert.Equal(budget, upstream.GetProperty("max_status_calls_per_second").GetDouble());
        Assert.True(upstream.GetProperty("status_calls_deferred").GetInt64() > 0);
    }
}
