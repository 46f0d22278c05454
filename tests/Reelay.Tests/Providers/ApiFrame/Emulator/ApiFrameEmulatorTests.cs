using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.ApiFrame.Emulator;

public sealed class ApiFrameEmulatorTests
{
    private const string Key = "af-key";
    private const string TextBody = """{"prompt":"a fox","generation_type":"text2video","duration":5}""";

    private static async Task<(ApiFrameEmulator Emulator, FakeTimeProvider Time, HttpClient Http)> StartAsync(Action<ApiFrameEmulatorOptions>? configure = null)
    {
        var options = new ApiFrameEmulatorOptions { ApiKey = Key, QueueTime = TimeSpan.FromSeconds(10), GenerationTime = TimeSpan.FromSeconds(100), ResultVideoSize = "320x180" };
        configure?.Invoke(options);
        var time = new FakeTimeProvider();
        var emulator = await ApiFrameEmulator.StartAsync("http://127.0.0.1:0", options, time);
        var http = new HttpClient { BaseAddress = emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Key);
        return (emulator, time, http);
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> FetchAsync(HttpClient http, string id)
    {
        var (status, body) = await PostAsync(http, "/fetch", JsonSerializer.Serialize(new { task_id = id }));
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task<string> CreateAsync(HttpClient http, string body = TextBody)
    {
        var (status, answer) = await PostAsync(http, "/kling-imagine", body);
        Assert.True(status == HttpStatusCode.OK, answer);
        return JsonDocument.Parse(answer).RootElement.GetProperty("task_id").GetString()!;
    }

    [Fact]
    public async Task Create_WithoutRawKey_401EmptyObjectAndNoTask()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        http.DefaultRequestHeaders.Remove("Authorization");
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        var (status, body) = await PostAsync(http, "/kling-imagine", TextBody);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("{}", body);
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Fact]
    public async Task Create_InvalidBody_400WithApiFrameErrors()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (status, body) = await PostAsync(http, "/kling-imagine", """{"prompt":"x","generation_type":"image2video","duration":7}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var messages = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("msg").GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("image_url", StringComparison.Ordinal));
        Assert.Contains(messages, m => m!.StartsWith("duration", StringComparison.Ordinal));
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Fact]
    public async Task Fetch_FollowsTimeline_PendingProcessingFinishedWithPlayableVideo()
    {
        var (emulator, time, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var id = await CreateAsync(http);

        var pending = await FetchAsync(http, id);
        time.Advance(TimeSpan.FromSeconds(10 + 40));
        var processing = await FetchAsync(http, id);
        time.Advance(TimeSpan.FromSeconds(60));
        var finished = await FetchAsync(http, id);

        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal("processing", processing.GetProperty("status").GetString());
        Assert.Equal("40", processing.GetProperty("percentage").GetString());
        Assert.Equal("kling-video", processing.GetProperty("task_type").GetString());
        Assert.Equal("finished", finished.GetProperty("status").GetString());
        Assert.Equal(100, finished.GetProperty("percentage").GetInt32());
        var video = await http.GetByteArrayAsync(finished.GetProperty("video_url").GetString());
        Assert.Equal("ftyp", Encoding.ASCII.GetString(video, 4, 4));
        Assert.Equal(3, emulator.StatusCallsFor(id));
    }

    [Fact]
    public async Task Fetch_UnknownTask_404TaskNotFound()
    {
        var (emulator, _, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (status, body) = await PostAsync(http, "/fetch", """{"task_id":"nope"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("task not found", body);
    }

    [Fact]
    public async Task Create5xx_Answers500EmptyAndCreatesNothing()
    {
        var (emulator, _, http) = await StartAsync(o => o.Faults.Create5xx = 1);
        await using var _e = emulator;
        using var _h = http;

        var (status, body) = await PostAsync(http, "/kling-imagine", TextBody);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("{}", body);
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Fact]
    public async Task Create429_AnswersRateLimitWithRetryAfter()
    {
        var (emulator, _, http) = await StartAsync(o => o.Faults.Create429 = 1);
        await using var _e = emulator;
        using var _h = http;

        using var response = await http.PostAsync("/kling-imagine", new StringContent(TextBody, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        Assert.Equal(0, emulator.TotalCreates);
    }

    [Theory]
    [InlineData(true, "content moderation")]
    [InlineData(false, "internal error")]
    public async Task TaskFaults_EndFailedWithMessage(bool contentRejected, string expected)
    {
        var (emulator, time, http) = await StartAsync(o => { o.Faults.ContentRejected = contentRejected ? 1 : 0; o.Faults.FailTask = 1; });
        await using var _e = emulator;
        using var _h = http;
        var id = await CreateAsync(http);
        time.Advance(TimeSpan.FromSeconds(110));

        var task = await FetchAsync(http, id);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Contains(expected, task.GetProperty("message").GetString());
        Assert.False(task.TryGetProperty("video_url", out _));
    }

    [Fact]
    public async Task Webhooks_SentOnStartAndEndWithSecretHeader()
    {
        var received = new ConcurrentQueue<(string? Secret, string Body)>();
        await using var sink = await LoopbackServer.StartAsync(a => a.MapPost("/hook", async (HttpContext ctx) =>
        {
            received.Enqueue((ctx.Request.Headers["x-webhook-secret"].ToString(), await new StreamReader(ctx.Request.Body).ReadToEndAsync()));
            return Results.Ok();
        }));
        var (emulator, time, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var id = await CreateAsync(http, JsonSerializer.Serialize(new
        {
            prompt = "a fox", generation_type = "text2video", webhook_url = sink.BaseAddress() + "hook", webhook_secret = "s3cret",
        }));

        time.Advance(TimeSpan.FromSeconds(111));
        await Eventually.TrueAsync(() => received.Count == 2, "two webhooks");

        Assert.All(received, r => Assert.Equal("s3cret", r.Secret));
        var statuses = received.Select(r => JsonDocument.Parse(r.Body).RootElement).Select(e => (e.GetProperty("task_id").GetString(), e.GetProperty("status").GetString())).ToList();
        Assert.Equal([(id, "processing"), (id, "finished")], statuses);
    }
}
