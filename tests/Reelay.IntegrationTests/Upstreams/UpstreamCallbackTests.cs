using Reelay.Emulation;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// Upstream callbacks are hints: whenever they arrive (before the task id is recorded, during polling, after the job
/// completed, or forged), the job completes exactly once, from the upstream's query answer only. Polling here is
/// configured slow (first query after 60 s), so a job that completes within seconds was hurried by a callback.
/// </summary>
public sealed class UpstreamCallbackTests
{
    private static readonly TimeSpan SlowFirstPoll = TimeSpan.FromSeconds(60);

    private static async Task<(KlingEmulator Emulator, ReelayTestServer Server, WebhookSink Sink)> StartAsync(KlingEmulatorOptions emulatorOptions,
        string firstPoll = "00:01:00", string maxInterval = "00:01:00")
    {
        var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", emulatorOptions);
        var publicBase = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:PublicBaseUrl"] = publicBase,
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
            ["Reelay:Upstreams:0:FirstPollAfter"] = firstPoll,
            ["Reelay:Upstreams:0:MaxPollInterval"] = maxInterval,
            // Off, so only a callback can hurry a job here (the task-list sweep would too: UpstreamSweepTests).
            ["Reelay:Upstreams:0:SweepInterval"] = "00:00:00",
        }, urls: publicBase);
        return (emulator, server, await WebhookSink.StartAsync());
    }

    private static KlingEmulatorOptions Emulator(TimeSpan generation, EmulatorFaults? faults = null) => new()
    {
        QueueTime = TimeSpan.FromMilliseconds(300),
        GenerationTime = generation,
        ResultVideoSize = "320x180",
        Faults = faults ?? new EmulatorFaults(),
    };

    private static async Task<string> CreateAsync(HttpClient http, WebhookSink sink) =>
        (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "hinted", duration = 5, webhook = new { url = sink.Url.ToString() } }))
        .GetProperty("id").GetString()!;

    /// <summary>One succeeded event, one result download, one terminal webhook.</summary>
    private static async Task AssertCompletedOnceAsync(HttpClient http, string id, KlingEmulator emulator, WebhookSink sink)
    {
        using var events = await http.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var timeline = (await Sse.ReadAllAsync(events, TimeSpan.FromSeconds(30))).Select(e => e.Event).ToList();
        Assert.Single(timeline, e => e == "succeeded");
        Assert.Equal(1, emulator.ResultDownloads);
        await Eventually.ReturnsAsync(() => Task.FromResult(Terminal(sink)), n => n >= 1, TimeSpan.FromSeconds(30), "terminal webhook");
        var log = await Json.GetAsync(http, $"/v1/videos/{id}/webhooks");
        Assert.Equal(1, Terminal(sink));
        Assert.Single(log.GetProperty("data").EnumerateArray(), d => d.ToString().Contains("video.completed", StringComparison.Ordinal));
    }

    private static int Terminal(WebhookSink sink) =>
        sink.Requests.Count(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() is "video.completed" or "video.failed");

    [Fact]
    public async Task Callbacks_ArriveWhileSubmitting_JobQueriedOnceTaskIdRecordedAndCompletesOnce()
    {
        // The create answer is held 2 s while the task runs and finishes upstream: both callbacks beat the task id.
        var (emulator, server, sink) = await StartAsync(Emulator(TimeSpan.FromMilliseconds(700),
            new EmulatorFaults { CreateTimeout = 1, CreateTimeoutDelay = TimeSpan.FromSeconds(2) }));
        await using var _ = emulator; await using var __ = server; await using var ___ = sink;
        using var http = server.Http(server.User);
        var started = Stopwatch.StartNew();

        var id = await CreateAsync(http, sink);
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.True(started.Elapsed < SlowFirstPoll - TimeSpan.FromSeconds(8), $"completed after {started.Elapsed}: the callbacks were lost");
        Assert.True(emulator.CallbacksSent >= 2, $"{emulator.CallbacksSent} callbacks");
        Assert.Equal(1, emulator.SubmissionsFor(id));
        await AssertCompletedOnceAsync(http, id, emulator, sink);
    }

    [Fact]
    public async Task Callbacks_ArriveDuringPolling_ForgedSuccessIgnoredAndRealOneCompletesQuickly()
    {
        var (emulator, server, sink) = await StartAsync(Emulator(TimeSpan.FromSeconds(4)));
        await using var _ = emulator; await using var __ = server; await using var ___ = sink;
        using var http = server.Http(server.User);
        using var anonymous = server.Http();
        var started = Stopwatch.StartNew();

        var id = await CreateAsync(http, sink);
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.TotalCreates), n => n == 1, TimeSpan.FromSeconds(30), "task created");
        // A forged "succeed" for the running job: it only hurries a query, which says processing.
        using var forged = await anonymous.PostAsync($"/v1/upstream-callbacks/kling/{id}",
            Json.Raw("""{"task_id":"x","task_status":"succeed","task_result":{"videos":[{"id":"v","url":"http://127.0.0.1:9/evil.mp4","duration":"5"}]}}"""));
        Assert.Equal(HttpStatusCode.NoContent, forged.StatusCode);
        var afterForged = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal("in_progress", afterForged.GetProperty("status").GetString());

        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.True(started.Elapsed < SlowFirstPoll - TimeSpan.FromSeconds(5), $"completed after {started.Elapsed}: the succeed callback did not hurry the query");
        await AssertCompletedOnceAsync(http, id, emulator, sink);
    }

    [Fact]
    public async Task Callbacks_ArriveAfterCompletionOrForUnknownJob_ChangeNothing()
    {
        var (emulator, server, sink) = await StartAsync(Emulator(TimeSpan.FromMilliseconds(500), new EmulatorFaults { CallbacksNeverCome = true }),
            firstPoll: "00:00:00.500", maxInterval: "00:00:01");
        await using var _ = emulator; await using var __ = server; await using var ___ = sink;
        using var http = server.Http(server.User);
        using var anonymous = server.Http();

        var id = await CreateAsync(http, sink);
        Assert.Equal("completed", (await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60))).GetProperty("status").GetString());
        var calls = emulator.TotalStatusCalls;
        foreach (var body in new[] { """{"task_status":"succeed"}""", """{"task_status":"failed","task_status_msg":"late"}""" })
        {
            using var late = await anonymous.PostAsync($"/v1/upstream-callbacks/kling/{id}", Json.Raw(body));
            Assert.Equal(HttpStatusCode.NoContent, late.StatusCode);
        }
        using var unknown = await anonymous.PostAsync("/v1/upstream-callbacks/kling/vid_doesnotexist", Json.Raw("""{"task_status":"succeed"}"""));
        Assert.Equal(HttpStatusCode.NoContent, unknown.StatusCode);

        Assert.Equal(calls, emulator.TotalStatusCalls);
        Assert.Equal("completed", (await Json.GetAsync(http, $"/v1/videos/{id}")).GetProperty("status").GetString());
        await AssertCompletedOnceAsync(http, id, emulator, sink);
    }
}
