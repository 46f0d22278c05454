using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using Reelay.Storage.Sqlite;

namespace Reelay.IntegrationTests.Credits;

/// <summary>
/// A randomized run of 1,000 operations (creates, cancels, top-ups, balance reads) against a real <c>reelay serve</c>
/// that is killed with SIGKILL twice along the way and restarted on the same data directory. Afterwards every job is
/// terminal with exactly one reservation and one settle/refund, and <c>reelay doctor</c> finds every balance equal to
/// its ledger sum.
/// </summary>
public sealed class LedgerCrashTests
{
    private const int Operations = 1000;

    [Fact]
    public async Task Serve_RandomOperationsWithTwoSigkills_BalanceEqualsLedgerSum()
    {
        var dataDir = TempDirs.Create("reelay-ledger-crash");
        var settings = new Dictionary<string, string>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:EnableNoopEngine"] = "true",
            ["Reelay:DefaultEngine"] = "noop",
            ["Reelay:Scheduler:LeaseDuration"] = "00:00:02",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.100",
        };
        var random = new Random(20250301);
        var created = new List<string>();
        var killAt = new HashSet<int> { random.Next(150, 450), random.Next(550, 850) };
        try
        {
            var server = await ReelayProcess.StartServeAsync(dataDir, settings);
            var token = server.PrintedToken() ?? throw new InvalidOperationException("no admin key printed:\n" + server.Output);
            var http = Client(server, token);
            var keyId = (await Json.GetAsync(http, "/v1/balance")).GetProperty("key_id").GetString()!;
            await http.PostAsync($"/v1/admin/keys/{keyId}/credits", Json.Body(new { amount = 50 }));
            var refused = 0;
            for (var op = 0; op < Operations; op++)
            {
                if (killAt.Contains(op))
                {
                    await server.KillAsync();
                    await server.DisposeAsync();
                    http.Dispose();
                    server = await ReelayProcess.StartServeAsync(dataDir, settings);
                    http = Client(server, token);
                }
                var dice = random.Next(100);
                if (dice < 65)
                {
                    using var response = await http.PostAsync("/v1/videos", Json.Body(new
                    {
                        prompt = $"op {op}",
                        duration = random.Next(1, 11),
                        mode = random.Next(2) == 0 ? "std" : "pro",
                    }));
                    if (response.StatusCode == HttpStatusCode.PaymentRequired) refused++;
                    else created.Add((await Json.ReadAsync(response)).GetProperty("id").GetString()!);
                }
                else if (dice < 85 && created.Count > 0)
                {
                    using var _ = await http.PostAsync($"/v1/videos/{created[random.Next(created.Count)]}/cancel", null);
                }
                else if (dice < 92)
                {
                    using var _ = await http.PostAsync($"/v1/admin/keys/{keyId}/credits", Json.Body(new { amount = random.Next(1, 6) }));
                }
                else
                {
                    await Json.GetAsync(http, "/v1/balance");
                }
            }
            foreach (var id in created) await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(30));
            await server.KillAsync();
            await server.DisposeAsync();
            http.Dispose();

            Assert.True(created.Count > 100, $"only {created.Count} jobs were created");
            Assert.True(refused > 0, "the balance never ran short: the run did not exercise refusals");
            using (var storage = SqliteStorage.Open(Path.Combine(dataDir, "reelay.db"), TimeProvider.System))
            {
                foreach (var id in created)
                {
                    var kinds = (await storage.Credits.JobLedgerAsync(id, CancellationToken.None)).Select(e => e.Kind.ToString()).ToList();
                    Assert.True(kinds.Count == 2 && kinds[0] == "Reserve" && kinds[1] is "Settle" or "Refund", $"job {id}: ledger {string.Join(",", kinds)}");
                }
                var check = Assert.Single(await storage.Credits.CheckLedgerAsync(CancellationToken.None));
                Assert.True(check.Matches, $"balance {check.Balance} ≠ ledger sum {check.LedgerSum}");
                Assert.True(check.Balance >= 0);
            }
            var doctor = await CliRunner.RunAsync(dataDir, "doctor", "--data-dir", dataDir);
            Assert.True(doctor.Code == 0, doctor.Stdout + doctor.Stderr);
            Assert.Contains("ledger: ok", doctor.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            TempDirs.Delete(dataDir);
        }
    }

    private static HttpClient Client(ReelayProcess process, string token)
    {
        var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
