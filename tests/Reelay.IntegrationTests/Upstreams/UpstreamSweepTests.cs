using System.Diagnostics;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.IntegrationTests.Upstreams;

/// <summary>
/// The task-list sweep: with planned polls pushed a minute out and no callbacks, Kling jobs still complete within
/// seconds of their tasks finishing, because a list page showed them finished and each job was queried at once.
/// </summary>
public sealed class UpstreamSweepTests
{
    private static readonly TimeSpan SlowFirstPoll = TimeSpan.FromSeconds(60);

    private static Task<ReelayTestServer> StartServerAsync(KlingEmulator emulator, string sweepInterval) =>
        ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = emulator.Options.AccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = emulator.Options.SecretKey,
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:01:00",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:01:00",
            ["Reelay:Upstreams:0:SweepInterval"] = sweepInterval,
        });

    [Fact]
    public async Task Sweep_TasksFinishUpstream_JobsCompleteWithinSecondsFromTheListWithoutQueries()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            GenerationTimeMax = TimeSpan.FromSeconds(3),
            ResultVideoSize = "320x180",
        });
        await using var server = await StartServerAsync(emulator, "00:00:00.500");
        using var http = server.Http(server.User);
        var started = Stopwatch.StartNew();

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
            ids.Add((await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = $"swept {i}", duration = 5 })).GetProperty("id").GetString()!);
        foreach (var id in ids)
            Assert.Equal("completed", (await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(50))).GetProperty("status").GetString());

        Assert.True(started.Elapsed < SlowFirstPoll - TimeSpan.FromSeconds(20), $"completed after {started.Elapsed}: the sweep found nothing");
        var timelines = emulator.Timelines();
        Assert.Equal(6, timelines.Count);
        // The hurried poll takes the finished task from the list page: no single-task query at all (the planned first
        // poll is a minute away).
        Assert.All(timelines, t => Assert.Equal(0, t.StatusCalls));
        Assert.True(emulator.ListCalls >= 2, $"{emulator.ListCalls} list calls");
    }

    [Fact]
    public async Task Sweep_TurnedOff_NoListCallsAndJobsWaitForPlannedPoll()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(100),
            GenerationTime = TimeSpan.FromMilliseconds(300),
            ResultVideoSize = "320x180",
        });
        await using var server = await StartServerAsync(emulator, "00:00:00");
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new { model = "kling-v1", prompt = "not swept", duration = 5 })).GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.InFlight == 0 && emulator.TotalCreates == 1), done => done, TimeSpan.FromSeconds(20), "task finished upstream");
        // Several sweep intervals' worth of time (as the sweep test uses them) after the task finished: still running.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (DateTime.UtcNow < deadline)
        {
            Assert.Equal("in_progress", (await Json.GetAsync(http, $"/v1/videos/{id}")).GetProperty("status").GetString());
            await Task.Delay(250);
        }
        Assert.Equal(0, emulator.ListCalls);
    }
}
