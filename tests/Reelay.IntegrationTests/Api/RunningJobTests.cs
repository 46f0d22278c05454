using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Api;

/// <summary>Jobs while the local engine renders: live events, waiting, cancel and the deadline.</summary>
public sealed class RunningJobTests
{
    [Fact]
    public async Task StreamEvents_WholeLifecycle_SeesEveryTransitionInOrder()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "events", duration = 3 })).GetProperty("id").GetString()!;

        using var response = await http.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = await Sse.ReadAllAsync(response, TimeSpan.FromSeconds(90));

        var types = events.Select(e => e.Event).ToList();
        Assert.Equal("created", types[0]);
        Assert.Equal("started", types[1]);
        Assert.Equal("succeeded", types[^1]);
        Assert.Equal(1, types.Count(t => t == "succeeded"));
        var sequence = events.Select(e => long.Parse(e.Id)).ToList();
        Assert.Equal(sequence.OrderBy(s => s), sequence);
        var progress = events.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("progress").GetInt32()).ToList();
        Assert.Equal(progress.OrderBy(p => p), progress);
        Assert.Equal("completed", JsonDocument.Parse(events[^1].Data).RootElement.GetProperty("status").GetString());

        // Resuming after the second event replays only what followed it.
        using var resume = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}/events");
        resume.Headers.Add("Last-Event-ID", events[1].Id);
        using var resumed = await http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead);
        var rest = await Sse.ReadAllAsync(resumed, TimeSpan.FromSeconds(30));
        Assert.Equal(events.Skip(2).Select(e => e.Id), rest.Select(e => e.Id));
    }

    [Fact]
    public async Task GetVideo_PreferWait_ReturnsWhenCompleted()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "wait for me", duration = 1 })).GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{id}");
        request.Headers.Add("Prefer", "wait=60");
        using var response = await http.SendAsync(request);
        var video = await Json.ReadAsync(response);
        Assert.Equal("completed", video.GetProperty("status").GetString());
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task CancelVideo_WhileRendering_StopsAndStaysCanceled()
    {
        await using var server = await ReelayTestServer.StartAsync();
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "long render", duration = 10, mode = "pro" })).GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/v1/videos/{id}"),
            v => v.GetProperty("status").GetString() == "in_progress", TimeSpan.FromSeconds(30), "job starting");

        using var cancel = await http.PostAsync($"/v1/videos/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        // The worker notices through its fenced writes; the job must never flip to completed afterwards.
        var workDir = Path.Combine(server.DataDir, "work", id);
        await Eventually.ReturnsAsync(() => Task.FromResult(Directory.Exists(workDir)), exists => !exists, TimeSpan.FromSeconds(30), "render abandoned");
        var after = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal("canceled", after.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("outputs").ValueKind);
        using var eventsResponse = await http.GetAsync($"/v1/videos/{id}/events", HttpCompletionOption.ResponseHeadersRead);
        var events = await Sse.ReadAllAsync(eventsResponse, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(events, e => e.Event == "succeeded");
        Assert.Equal("canceled", events[^1].Event);
    }

    [Fact]
    public async Task Scheduler_JobPastDeadline_FailsWithDeadlineExceeded()
    {
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Scheduler:JobDeadline"] = "00:00:02",
        });
        using var http = server.Http(server.User);
        var id = (await Json.PostAsync(http, "/v1/videos", new { prompt = "too slow", duration = 10, mode = "pro", aspect_ratio = "21:9" })).GetProperty("id").GetString()!;
        var done = await Json.WaitTerminalAsync(http, id, TimeSpan.FromSeconds(60));
        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Equal("deadline_exceeded", done.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("deadline", done.GetProperty("error").GetProperty("message").GetString());
    }
}
