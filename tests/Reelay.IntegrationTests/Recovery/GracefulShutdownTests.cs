using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Recovery;

/// <summary>
/// SIGTERM drains a node: it stops claiming, hands the leases of running steps back and exits 0, so another node
/// sharing the store continues those jobs at once instead of waiting for the leases to expire.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task Serve_SigtermMidRender_ExitsCleanlyAndAnotherNodeContinuesBeforeTheLeaseWouldExpire()
    {
        var dataDir = TempDirs.Create("reelay-drain");
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Far longer than the test may take: only a released lease lets the second node continue.
            ["Reelay:Scheduler:LeaseDuration"] = "00:05:00",
            ["Reelay:Scheduler:MaxConcurrency"] = "2",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
        };
        try
        {
            await using var first = await ReelayProcess.StartServeAsync(dataDir, settings);
            var token = first.PrintedToken() ?? throw new InvalidOperationException("no admin key printed:\n" + first.Output);
            using var http = Client(first, token);
            var ids = new List<string>();
            for (var i = 0; i < 2; i++)
                ids.Add((await Json.PostAsync(http, "/v1/videos", new { prompt = $"drain {i}", duration = 5, seed = i })).GetProperty("id").GetString()!);
            await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{ids[0]}"),
                v => v.GetProperty("status").GetString() == "in_progress", TimeSpan.FromSeconds(30), "first job rendering on the first node");

            var stopwatch = Stopwatch.StartNew();
            Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(30)));
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30));

            await using var third = await ReelayProcess.StartServeAsync(dataDir, settings);
            using var again = Client(third, token);
            foreach (var id in ids)
            {
                var done = await Json.WaitTerminalAsync(again, id, TimeSpan.FromSeconds(90));
                Assert.Equal("completed", done.GetProperty("status").GetString());
            }
            Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(4), "continued before the 5-minute lease could have expired");
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
