using Microsoft.Extensions.DependencyInjection;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;
using Reelay.TestSupport;

namespace Reelay.IntegrationTests.Recovery;

/// <summary>
/// The server's wall clock steps back by 20 minutes (under the schedule horizon, so only the clock-step watch can help)
/// while work is scheduled seconds ahead: the work still runs seconds later, not 20 minutes later.
/// </summary>
public sealed class ClockStepTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(-20);

    [Fact]
    public async Task RelayedJob_WallClockStepsBackWhilePolling_CompletesWithoutWaitingTheStep()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(300),
            GenerationTime = TimeSpan.FromSeconds(5),
            TimeCompression = 1,
        });
        var clock = new JumpingTimeProvider();
        var settings = KlingUpstreamSettings.For(emulator, maxPollInterval: "00:00:02");
        // Planned polls only: no task-list sweep and no callbacks could make the job's next poll happen early.
        settings[KlingUpstreamSettings.Prefix + "SweepInterval"] = "00:00:00";
        await using var server = await ReelayTestServer.StartAsync(settings, services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "a clock that steps", duration = 5 })).GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.SubmissionsFor(id)), n => n == 1, TimeSpan.FromSeconds(30), "job submitted upstream");
        clock.Jump(Step);
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(40));

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, emulator.SubmissionsFor(id));
    }

    [Fact]
    public async Task WebhookRetry_WallClockStepsBackBeforeIt_ArrivesWithoutWaitingTheStep()
    {
        await using var sink = await WebhookSink.StartAsync(500);
        var clock = new JumpingTimeProvider();
        await using var server = await ReelayTestServer.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        using var http = server.Http(server.User);

        await Json.PostAsync(http, "/v1/videos", new
        {
            prompt = "a retry after a clock step",
            duration = 1,
            webhook = new { url = sink.Url.ToString(), events = new[] { "completed" } },
        });
        // The first attempt was answered 500; the retry is planned about 5 s later on the old clock.
        await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.Count), n => n >= 1, TimeSpan.FromSeconds(60), "first attempt");
        clock.Jump(Step);
        await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.Count), n => n >= 2, TimeSpan.FromSeconds(40), "retry after the step");

        Assert.Equal([500, 204], sink.Requests.Select(r => r.AnsweredWith));
    }
}
