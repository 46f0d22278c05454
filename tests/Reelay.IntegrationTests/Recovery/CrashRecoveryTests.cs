using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Recovery;

/// <summary>
/// A server process is killed with SIGKILL while jobs render, restarted on the same data directory, and
/// every job still completes exactly once (one succeeded event, valid outputs).
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Serve_KilledMidRender_EveryJobCompletesExactlyOnceAfterRestart()
    {
        var (dataDir, settings) = Setup("reelay-crash", leaseDuration: "00:00:03");
        try
        {
            var (token, ids) = await KillMidRenderAsync(dataDir, settings, jobs: 6, duration: 3);

            await using var second = await ReelayProcess.StartServeAsync(dataDir, settings);
            Assert.Null(second.PrintedToken()); // the store already has keys: no new admin key
            using var again = Client(second, token);
            foreach (var id in ids)
            {
                var done = await Json.WaitTerminalAsync(again, id, TimeSpan.FromSeconds(120));
                Assert.Equal("completed", done.GetProperty("status").GetString());
                var raw = await again.GetByteArrayAsync($"/v1/videos/{id}/content?variant=raw");
                Assert.Equal(done.GetProperty("outputs").GetProperty("raw").GetProperty("bytes").GetInt64(), raw.LongLength);
                var timeline = await TimelineAsync(again, id);
                Assert.Equal(1, timeline.Count(e => e.Event == "succeeded"));
                Assert.Equal(1, timeline.Count(e => e.Event == "created"));
            }
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    [Fact]
    public async Task Serve_RestartedAfterSigkill_ReclaimsItsOwnLeasesWithoutWaitingForThemToExpire()
    {
        // Without the reclaim, the jobs rendering at the kill would wait ten minutes for their leases to expire.
        var (dataDir, settings) = Setup("reelay-reclaim", leaseDuration: "00:10:00");
        try
        {
            var (token, ids) = await KillMidRenderAsync(dataDir, settings, jobs: 3, duration: 4);

            await using var second = await ReelayProcess.StartServeAsync(dataDir, settings);
            using var again = Client(second, token);
            foreach (var id in ids)
            {
                var done = await Json.WaitTerminalAsync(again, id, TimeSpan.FromSeconds(90));
                Assert.Equal("completed", done.GetProperty("status").GetString());
                var timeline = await TimelineAsync(again, id);
                Assert.Equal(1, timeline.Count(e => e.Event == "started"));
                Assert.Equal(1, timeline.Count(e => e.Event == "succeeded"));
            }
            Assert.Contains("Reclaimed", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static (string DataDir, Dictionary<string, string> Settings) Setup(string name, string leaseDuration) =>
        (TempDirs.Create(name), new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:LeaseDuration"] = leaseDuration,
            ["Reelay:Scheduler:MaxConcurrency"] = "2",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
        });

    /// <summary>Starts a server on an empty <paramref name="dataDir"/>, creates jobs, and SIGKILLs it once the first renders.</summary>
    private static async Task<(string Token, List<string> Ids)> KillMidRenderAsync(string dataDir, Dictionary<string, string> settings, int jobs, int duration)
    {
        await using var first = await ReelayProcess.StartServeAsync(dataDir, settings);
        var token = first.PrintedToken() ?? throw new InvalidOperationException("no admin key printed on first start:\n" + first.Output);
        using var http = Client(first, token);
        var ids = new List<string>();
        for (var i = 0; i < jobs; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { prompt = $"crash {i}", duration, seed = i })).GetProperty("id").GetString()!);
        await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{ids[0]}"),
            v => v.GetProperty("status").GetString() == "in_progress", TimeSpan.FromSeconds(30), "first job rendering");
        await first.KillAsync();
        return (token, ids);
    }

    private static async Task<List<Sse.Message>> TimelineAsync(HttpClient http, string id)
    {
        using var events = await http.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        return await Sse.ReadAllAsync(events, TimeSpan.FromSeconds(30));
    }

    private static HttpClient Client(ReelayProcess process, string token)
    {
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
