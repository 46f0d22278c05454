using System.Net;
using System.Text.Json;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling.Emulator;

public sealed class KlingEmulatorFaultTests
{
    private const string Body = """{"prompt":"fox","external_task_id":"ext-1"}""";

    [Fact]
    public async Task Create5xx_Answers500Or503WithKlingCodeAndCreatesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.Create5xx = 1);
        var seen = new HashSet<(HttpStatusCode, int)>();
        for (var i = 0; i < 12; i++)
        {
            var answer = await h.CreateAsync(Body);
            seen.Add((answer.Status, answer.Code));
        }

        Assert.Subset(new HashSet<(HttpStatusCode, int)> { (HttpStatusCode.InternalServerError, 5000), (HttpStatusCode.ServiceUnavailable, 5001) }, seen);
        Assert.Equal(2, seen.Count);
        Assert.Equal(0, h.Emulator.TotalCreates);
        Assert.Equal(0, h.Emulator.SubmissionsFor("ext-1"));
    }

    [Fact]
    public async Task Create429_Answers1302AndCreatesNothing()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.Create429 = 1);

        var answer = await h.CreateAsync(Body);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal(1302, answer.Code);
        Assert.Equal(0, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Faults_WithSeed_AreDeterministic()
    {
        async Task<string> RunAsync()
        {
            await using var h = await EmulatorHarness.StartAsync(o => { o.Faults.Create429 = 0.5; o.Faults.Seed = 7; });
            var pattern = "";
            for (var i = 0; i < 16; i++) pattern += (await h.CreateAsync("""{"prompt":"fox"}""")).Status == HttpStatusCode.OK ? "." : "x";
            return pattern;
        }

        var first = await RunAsync();

        Assert.Equal(first, await RunAsync());
        Assert.Contains(".", first);
        Assert.Contains("x", first);
    }

    [Fact]
    public async Task CreateTimeout_HangsUntilClientGivesUpButTaskExists()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.CreateTimeout = 1);
        using var cts = new CancellationTokenSource();

        // Give up only once the emulator holds the task: how long the request takes to arrive is not the point.
        var send = Record.ExceptionAsync(() => h.SendAsync(HttpMethod.Post, "/v1/videos/text2video", Body, h.Token(), cts.Token));
        await Eventually.TrueAsync(() => h.Emulator.TotalCreates == 1, "the emulator created the task");
        Assert.False(send.IsCompleted, "the create answered instead of hanging");
        await cts.CancelAsync();

        Assert.IsAssignableFrom<OperationCanceledException>(await send);
        Assert.Equal(1, h.Emulator.TotalCreates);
        var found = await h.QueryAsync("ext-1");
        Assert.Equal("submitted", found.GetProperty("task_status").GetString());
    }

    [Fact]
    public async Task ConnectionReset_AbortsTheAnswerAfterCreatingTheTask()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.ConnectionReset = 1);

        var error = await Record.ExceptionAsync(() => h.CreateAsync(Body));

        Assert.IsType<HttpRequestException>(error);
        Assert.Equal(1, h.Emulator.TotalCreates);
        Assert.Equal(1, h.Emulator.SubmissionsFor("ext-1"));
    }

    [Fact]
    public async Task MalformedJson_Answers200WithInvalidJson()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.MalformedJson = 1);

        var answer = await h.CreateAsync(Body);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("{\"code\":0", answer.Body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(answer.Body));
        Assert.Equal(1, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task SchemaChanged_AnswersValidJsonWithRenamedMembers()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.SchemaChanged = 1);

        var answer = await h.CreateAsync(Body);

        var data = answer.Json.GetProperty("Data");
        Assert.True(answer.Json.TryGetProperty("RequestId", out _));
        Assert.False(data.TryGetProperty("task_id", out _));
        Assert.Equal("submitted", data.GetProperty("TaskStatus").GetString());
        Assert.Equal("ext-1", data.GetProperty("TaskInfo").GetProperty("ExternalTaskId").GetString());
    }

    [Fact]
    public async Task ContentRejected_TaskEndsFailedWithContentSafetyMessage()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.ContentRejected = 1);
        var id = await h.CreateTaskAsync();
        h.Time.Advance(TimeSpan.FromSeconds(151));

        var task = await h.QueryAsync(id);

        Assert.Equal("failed", task.GetProperty("task_status").GetString());
        Assert.Contains("content security", task.GetProperty("task_status_msg").GetString());
        Assert.Equal("0", task.GetProperty("final_unit_deduction").GetString());
        Assert.False(task.TryGetProperty("task_result", out _));
    }

    [Fact]
    public async Task FailTask_TaskEndsFailedWithAMessage()
    {
        await using var h = await EmulatorHarness.StartAsync(o => o.Faults.FailTask = 1);
        var id = await h.CreateTaskAsync();

        Assert.Equal("submitted", (await h.QueryAsync(id)).GetProperty("task_status").GetString());
        h.Time.Advance(TimeSpan.FromSeconds(151));
        var task = await h.QueryAsync(id);

        Assert.Equal("failed", task.GetProperty("task_status").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("task_status_msg").GetString()));
        Assert.DoesNotContain("content security", task.GetProperty("task_status_msg").GetString());
    }
}
