using System.Diagnostics;
using System.Net;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Tests.Providers.Kling.Emulator;

public sealed class KlingEmulatorTimelineTests
{
    [Fact]
    public async Task Create_AnswersSubmittedEnvelopeWithExternalId()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var answer = await h.CreateAsync("""{"model_name":"kling-v1-6","prompt":"fox","duration":"10","external_task_id":"job-1"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(0, answer.Code);
        Assert.Equal("SUCCEED", answer.Json.GetProperty("message").GetString());
        Assert.True(Guid.TryParse(answer.Json.GetProperty("request_id").GetString(), out _));
        var data = answer.Json.GetProperty("data");
        Assert.Equal("submitted", data.GetProperty("task_status").GetString());
        Assert.Equal("job-1", data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        Assert.Equal(h.Time.GetUtcNow().ToUnixTimeMilliseconds(), data.GetProperty("created_at").GetInt64());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("task_id").GetString()));
        Assert.Equal(1, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Query_AsClockAdvances_FollowsSubmittedProcessingSucceed()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var id = await h.CreateTaskAsync(duration: "10");

        Assert.Equal("submitted", (await h.QueryAsync(id)).GetProperty("task_status").GetString());
        h.Time.Advance(TimeSpan.FromSeconds(31));
        var processing = await h.QueryAsync(id);
        Assert.Equal("processing", processing.GetProperty("task_status").GetString());
        Assert.False(processing.TryGetProperty("task_result", out _));
        h.Time.Advance(TimeSpan.FromSeconds(120));
        var done = await h.QueryAsync(id);

        Assert.Equal("succeed", done.GetProperty("task_status").GetString());
        var video = Assert.Single(done.GetProperty("task_result").GetProperty("videos").EnumerateArray().ToList());
        Assert.Equal("10.0", video.GetProperty("duration").GetString());
        Assert.StartsWith(h.Emulator.BaseAddress + "results/" + id + ".mp4?exp=", video.GetProperty("url").GetString());
        Assert.Equal("2", done.GetProperty("final_unit_deduction").GetString());
        Assert.Equal(h.Time.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds(), done.GetProperty("updated_at").GetInt64());
        Assert.Equal(3, h.Emulator.StatusCallsFor(id));
    }

    [Fact]
    public async Task Query_WithTimeCompressionOnSystemClock_SucceedsWithinDeadline()
    {
        await using var emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions { TimeCompression = 300 });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", emulator.CreateToken());
        var created = await http.PostAsync("/v1/videos/text2video", new StringContent("""{"prompt":"fox"}"""));
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("task_id").GetString();

        // 150 s of upstream time compressed 300x is 0.5 s.
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && status != "succeed")
        {
            var body = await http.GetStringAsync($"/v1/videos/text2video/{id}");
            status = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("task_status").GetString();
            if (status != "succeed") await Task.Delay(50);
        }
        Assert.Equal("succeed", status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Query_ByExternalTaskId_FindsTaskAndCountsItsCalls()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var id = await h.CreateTaskAsync(externalId: "reelay-job-42");

        var found = await h.QueryAsync("reelay-job-42");

        Assert.Equal(id, found.GetProperty("task_id").GetString());
        Assert.Equal(1, h.Emulator.StatusCallsFor(id));
        var missing = await h.GetAsync("/v1/videos/text2video/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal(1203, missing.Code);
        // Each kind is its own namespace.
        Assert.Equal(1203, (await h.GetAsync($"/v1/videos/image2video/{id}")).Code);
    }

    [Fact]
    public async Task Create_ReusedExternalTaskId_Returns1201AndCountsBothSubmissions()
    {
        await using var h = await EmulatorHarness.StartAsync();
        await h.CreateTaskAsync(externalId: "dup");

        var again = await h.CreateAsync("""{"prompt":"fox","external_task_id":"dup"}""");

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(1201, again.Code);
        Assert.Contains("external_task_id", again.Json.GetProperty("message").GetString());
        Assert.Equal(2, h.Emulator.SubmissionsFor("dup"));
        Assert.Equal(0, h.Emulator.SubmissionsFor("other"));
        Assert.Equal(1, h.Emulator.TotalCreates);
        Assert.Equal(2, h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Create_OverConcurrencyLimit_Returns429With1303UntilASlotFrees()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.MaxConcurrentTasks = 2);
        await h.CreateTaskAsync();
        await h.CreateTaskAsync();
        Assert.Equal(2, h.Emulator.InFlight);

        var over = await h.CreateAsync("""{"prompt":"fox"}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, over.Status);
        Assert.Equal(1303, over.Code);

        h.Time.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(0, h.Emulator.InFlight);
        await h.CreateTaskAsync();
        Assert.Equal(3, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task List_PagesNewestFirstAndValidatesPaging()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(await h.CreateTaskAsync());

        var first = await h.GetAsync("/v1/videos/text2video?pageNum=1&pageSize=2");
        var second = await h.GetAsync("/v1/videos/text2video?pageNum=2&pageSize=2");

        Assert.Equal([ids[2], ids[1]], first.Json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToArray());
        Assert.Equal([ids[0]], second.Json.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToArray());
        Assert.Empty((await h.GetAsync("/v1/videos/image2video")).Json.GetProperty("data").EnumerateArray());
        Assert.Equal(1201, (await h.GetAsync("/v1/videos/text2video?pageSize=501")).Code);
    }

    [Fact]
    public async Task Timelines_AfterCreatesAndQueries_ReportSubmitTimesEndTimesAndStatusCalls()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.TimeCompression = 10);
        var start = h.Time.GetUtcNow();
        var first = await h.CreateTaskAsync(externalId: "job-a");
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await h.CreateTaskAsync();
        await h.QueryAsync(first);
        await h.QueryAsync("job-a");

        var timelines = h.Emulator.Timelines();

        Assert.Equal(2, timelines.Count);
        var a = timelines.Single(t => t.TaskId == first);
        Assert.Equal("job-a", a.ExternalTaskId);
        Assert.Equal(start, a.SubmittedAt);
        // 30 s queued + 120 s generating, compressed tenfold.
        Assert.Equal(start + TimeSpan.FromSeconds(3), a.ProcessingAt);
        Assert.Equal(start + TimeSpan.FromSeconds(15), a.EndsAt);
        Assert.True(a.Succeeds);
        Assert.Equal(2, a.StatusCalls);
        var b = timelines.Single(t => t.TaskId == second);
        Assert.Null(b.ExternalTaskId);
        Assert.Equal(start + TimeSpan.FromSeconds(16), b.EndsAt);
        Assert.Equal(0, b.StatusCalls);
    }
}
