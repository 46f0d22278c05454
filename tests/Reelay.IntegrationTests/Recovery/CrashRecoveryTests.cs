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
        var dataDir = TempDirs.Create("reelay-crash");
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:LeaseDuration"] = "00:00:03",
            ["Reelay:Scheduler:MaxConcurrency"] = "2",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
        };
        try
        {
            string token;
            var ids = new List<string>();
            await using (var first = await ReelayProcess.StartServeAsync(dataDir, settings))
            {
                token = first.PrintedToken() ?? throw new InvalidOperationException("no admin key printed on first start:\n" + first.Output);
                using var http = Client(first, token);
                for (var i = 0; i < 6; i++)
                    ids.Add((await Json.PostAsync(http, "/v1/videos", new { prompt = $"crash {i}", duration = 3, seed = i })).GetProperty("id").GetString()!);
                await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{ids[0]}"),
                    v => v.GetProperty("status").GetString() == "in_progress", TimeSpan.FromSeconds(30), "first job rendering");
                await first.KillAsync();
            }

            await using var second = await ReelayProcess.StartServeAsync(dataDir, settings);
            Assert.Null(second.PrintedToken()); // the store already has keys: no new admin key
            using var again = Client(second, token);
            foreach (var id in ids)
            {
                var done = await Json.WaitTerminalAsync(again, id, TimeSpan.FromSeconds(120));
                Assert.Equal("completed", done.GetProperty("status").GetString());
                var raw = await again.GetByteArrayAsync($"/v1/videos/{id}/content?variant=raw");
                Assert.Equal(done.GetProperty("outputs").GetProperty("raw").GetProperty("bytes").GetInt64(), raw.LongLength);

                using var events = await again.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
                var timeline = await Sse.ReadAllAsync(events, TimeSpan.FromSeconds(10));
                Assert.Equal(1, timeline.Count(e => e.Event == "succeeded"));
                Assert.Equal(1, timeline.Count(e => e.Event == "created"));
            }
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static HttpClient Client(ReelayProcess process, string token)
    {
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
