using Reelay.Emulation;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>Every fault the Kling emulator can inject ends each job in a correct terminal state with a clear reason.</summary>
public sealed class UpstreamFaultTests
{
    private static Dictionary<string, string?> Settings(KlingEmulator emulator, string deadline) => new()
    {
        ["Reelay:Scheduler:JobDeadline"] = deadline,
        ["Reelay:Scheduler:RetryDelay"] = "00:00:00.200",
        ["Reelay:Upstreams:0:Name"] = "kling-a",
        ["Reelay:Upstreams:0:Type"] = "kling",
        ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
        ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey,
        ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
        ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
        ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
        // A breaker opening would only delay these jobs; this test is about outcomes, not routing.
        ["Reelay:Upstreams:0:FailureRatio"] = "1",
        ["Reelay:Upstreams:0:BreakDuration"] = "00:00:00.500",
    };

    [Fact]
    public async Task EveryFaultAtOnce_EachJobCompletesOrFailsWithReason_NeverSubmittedTwice()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            Faults = new EmulatorFaults
            {
                Create5xx = 0.2, Create429 = 0.2, ConnectionReset = 0.15, MalformedJson = 0.15, SchemaChanged = 0.1,
                ContentRejected = 0.15, FailTask = 0.15, TruncatedDownload = 0.2, Seed = 7,
            },
        });
        await using var server = await ReelayTestServer.StartAsync(Settings(emulator, "00:00:40"));
        using var http = server.Http(server.User);
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"fault {i}", duration = 5 })).GetProperty("id").GetString()!);

        var outcomes = new List<(string Status, string? Code, string? Message)>();
        foreach (var id in ids)
        {
            var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(90));
            var status = done.GetProperty("status").GetString()!;
            var error = done.GetProperty("error");
            outcomes.Add((status, error.ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("code").GetString(),
                error.ValueKind == System.Text.Json.JsonValueKind.Null ? null : error.GetProperty("message").GetString()));
            Assert.True(emulator.SubmissionsFor(id) <= 1, $"job {id} was submitted {emulator.SubmissionsFor(id)} times");
        }

        Assert.All(outcomes, o =>
        {
            Assert.Contains(o.Status, new[] { "completed", "failed" });
            if (o.Status == "failed")
            {
                Assert.False(string.IsNullOrWhiteSpace(o.Message));
                Assert.Contains(o.Code, new[] { "content_rejected", "engine_failed", "deadline_exceeded", "ingest_failed" });
            }
        });
        Assert.Contains(outcomes, o => o.Status == "completed");
        Assert.Contains(outcomes, o => o.Code == "content_rejected");
        Assert.DoesNotContain("secret", string.Join(" ", outcomes.Select(o => o.Message)), StringComparison.OrdinalIgnoreCase);
    }
}
