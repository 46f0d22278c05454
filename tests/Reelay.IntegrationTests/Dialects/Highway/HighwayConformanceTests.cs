using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Client;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Highway;

/// <summary>Highway dialect over real HTTP (docs/dialects.md §3, seed 001).</summary>
public sealed class HighwayConformanceTests(DialectServerFixture fixture) : IClassFixture<DialectServerFixture>
{
    private const string I2V = "/v3/async/kling-2.5-turbo-i2v";
    private const string T2V = "/v3/async/kling-2.5-turbo-t2v";
    private ReelayTestServer Server => fixture.Server;

    [Fact]
    public async Task CreateI2V_SeedBodyFields_TaskSucceedsWithVideoAndWebhook()
    {
        await using var sink = await WebhookSink.StartAsync();
        var png = await TestMedia.ImageAsync(640, 360);
        using var http = Server.Http(Server.User);
        // The seed's curl body: every documented field with its documented type (duration a string, cfg_scale a number).
        var json = $$$"""
        {
          "image": "{{{Convert.ToBase64String(png)}}}",
          "prompt": "A cinematic push in over the test card",
          "duration": "5",
          "cfg_scale": 0.5,
          "mode": "pro",
          "negative_prompt": "blurry",
          "extra": {"webhook": {"url": "{{{sink.Url}}}"}}
        }
        """;
        using var response = await http.PostAsync(I2V, Json.Raw(json));
        var created = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        WireAssert.Keys(created, "task_id");
        var taskId = created.GetProperty("task_id").GetString()!;

        var seen = new List<string>();
        var done = await Eventually.ReturnsAsync(async () =>
        {
            var r = await Json.GetAsync(http, $"/v3/async/task-result?task_id={taskId}");
            AssertTaskResult(r);
            seen.Add(r.GetProperty("task").GetProperty("status").GetString()!);
            return r;
        }, r => r.GetProperty("task").GetProperty("status").GetString() is "TASK_STATUS_SUCCEED" or "TASK_STATUS_FAILED",
            TimeSpan.FromSeconds(60), "Highway task finished");
        WireAssert.InOrder(seen, "TASK_STATUS_QUEUED", "TASK_STATUS_PROCESSING", "TASK_STATUS_SUCCEED");
        var task = done.GetProperty("task");
        Assert.Equal(taskId, task.GetProperty("task_id").GetString());
        Assert.Equal("KLING_2.5_TURBO_I2V", task.GetProperty("task_type").GetString());
        Assert.Equal("TASK_STATUS_SUCCEED", task.GetProperty("status").GetString());
        Assert.Equal("", task.GetProperty("reason").GetString());
        Assert.Equal(100, task.GetProperty("progress_percent").GetInt32());
        var video = Assert.Single(done.GetProperty("videos").EnumerateArray());
        WireAssert.Keys(video, "video_url", "video_url_ttl", "video_type");
        Assert.Equal("mp4", video.GetProperty("video_type").GetString());
        var ttl = long.Parse(video.GetProperty("video_url_ttl").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(ttl, 60, 25 * 3600);
        await WireAssert.DownloadableAsync(Server.BaseAddress, video.GetProperty("video_url").GetString()!, "video/mp4");

        var hook = Assert.Single(await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.ToArray()), r => r.Length >= 1,
            TimeSpan.FromSeconds(20), "Highway webhook"));
        Assert.Equal(WebhookVerificationResult.Valid, new WebhookVerifier(Server.User.WebhookSecret)
            .Verify(hook.Headers["webhook-id"], hook.Headers["webhook-timestamp"], hook.Headers["webhook-signature"], hook.Body));
        var envelope = JsonDocument.Parse(hook.Body).RootElement;
        WireAssert.Keys(envelope, "event_type", "payload");
        Assert.Equal("ASYNC_TASK_RESULT", envelope.GetProperty("event_type").GetString());
        AssertTaskResult(envelope.GetProperty("payload"));
        Assert.Equal("TASK_STATUS_SUCCEED", envelope.GetProperty("payload").GetProperty("task").GetProperty("status").GetString());

        // One store: the native API shows the same job to the same key.
        var native = await Json.GetAsync(http, $"/v1/videos/{taskId}");
        Assert.Equal(taskId, native.GetProperty("id").GetString());
        Assert.Equal("pro", native.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task CreateT2V_CompatPrefix_SucceedsWithAspectRatio()
    {
        using var http = Server.Http(Server.User);
        var created = await Json.PostAsync(http, "/compat/highway" + T2V, new { prompt = "A lighthouse at dusk", aspect_ratio = "9:16", duration = "5" });
        var taskId = created.GetProperty("task_id").GetString()!;
        var done = await Eventually.ReturnsAsync(() => Json.GetAsync(http, $"/compat/highway/v3/async/task-result?task_id={taskId}"),
            r => r.GetProperty("task").GetProperty("status").GetString() is "TASK_STATUS_SUCCEED" or "TASK_STATUS_FAILED",
            TimeSpan.FromSeconds(60), "Highway t2v finished");
        Assert.Equal("TASK_STATUS_SUCCEED", done.GetProperty("task").GetProperty("status").GetString());
        Assert.Equal("KLING_2.5_TURBO_T2V", done.GetProperty("task").GetProperty("task_type").GetString());
        var native = await Json.GetAsync(http, $"/v1/videos/{taskId}");
        Assert.Equal("9:16", native.GetProperty("aspect_ratio").GetString());
        var raw = native.GetProperty("outputs").GetProperty("raw");
        Assert.True(raw.GetProperty("height").GetInt32() > raw.GetProperty("width").GetInt32());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer rly_00000000000000000000000000000000.nope")]
    [InlineData("Bearer not-a-token")]
    public async Task Create_BadAuth_401InvalidApiKey(string? authorization)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.PostAsync(T2V, Json.Body(new { prompt = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json.ReadAsync(response), 401, "INVALID_API_KEY");
        using var poll = await http.GetAsync($"/v3/async/task-result?task_id={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);
    }

    [Fact]
    public async Task Create_WrongSecretForRealKey_401()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"rly_{Server.User.Key.Id:N}.{Server.Admin.Secret}");
        using var response = await http.PostAsync(T2V, Json.Body(new { prompt = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json.ReadAsync(response), 401, "INVALID_API_KEY");
    }

    [Theory]
    [InlineData(I2V, """{"prompt":"p"}""", "image")]
    [InlineData(I2V, """{"image":"aGVsbG8=","prompt":"p"}""", "image")] // decodes, but is not an image
    [InlineData(I2V, """{"image":"https://example.invalid/a.png"}""", "prompt")]
    [InlineData(T2V, """{}""", "prompt")]
    [InlineData(T2V, """{"prompt":""}""", "prompt")]
    [InlineData(T2V, """{"prompt":7}""", "prompt")]
    [InlineData(T2V, """{"prompt":"p","duration":"7"}""", "duration")]
    [InlineData(T2V, """{"prompt":"p","duration":true}""", "duration")]
    [InlineData(T2V, """{"prompt":"p","cfg_scale":1.5}""", "cfg_scale")]
    [InlineData(T2V, """{"prompt":"p","cfg_scale":"0.5"}""", "cfg_scale")]
    [InlineData(T2V, """{"prompt":"p","mode":"std"}""", "mode")]
    [InlineData(T2V, """{"prompt":"p","aspect_ratio":"4:3"}""", "aspect_ratio")]
    [InlineData(T2V, """{"prompt":"p","negative_prompt":5}""", "negative_prompt")]
    [InlineData(T2V, """{"prompt":"p","extra":{"webhook":{"url":"ftp://x"}}}""", "extra.webhook.url")]
    [InlineData(T2V, """{"prompt":"p","extra":{"webhook":{}}}""", "extra.webhook.url")]
    [InlineData(T2V, """[]""", "body")]
    [InlineData(T2V, """{"prompt":"p",}""", "JSON")]
    public async Task Create_InvalidField_400InvalidRequestBody(string path, string json, string field)
    {
        using var http = Server.Http(Server.User);
        using var response = await http.PostAsync(path, Json.Raw(json));
        var body = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(body, 400, "INVALID_REQUEST_BODY");
        Assert.Contains(field, body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Create_PromptOver2500_400()
    {
        using var http = Server.Http(Server.User);
        using var response = await http.PostAsync(T2V, Json.Body(new { prompt = new string('a', 2501) }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("prompt:", (await Json.ReadAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task TaskResult_UnknownForeignOrMissingId_ProviderErrors()
    {
        using var http = Server.Http(Server.User);
        using var unknown = await http.GetAsync($"/v3/async/task-result?task_id={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertError(await Json.ReadAsync(unknown), 404, "TASK_NOT_FOUND");

        var other = await Server.CreateKeyAsync("other-highway");
        using var otherHttp = Server.Http(other);
        var taskId = (await Json.PostAsync(otherHttp, T2V, new { prompt = "mine" })).GetProperty("task_id").GetString();
        using var foreign = await http.GetAsync($"/v3/async/task-result?task_id={taskId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        using var missing = await http.GetAsync("/v3/async/task-result");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        AssertError(await Json.ReadAsync(missing), 400, "INVALID_REQUEST_BODY");
    }

    private static void AssertTaskResult(JsonElement r)
    {
        WireAssert.Keys(r, "extra", "task", "images", "videos", "audios");
        WireAssert.Keys(r.GetProperty("extra"), "seed", "debug_info");
        WireAssert.Kind(JsonValueKind.String, r.GetProperty("extra"), "seed");
        WireAssert.Kind(JsonValueKind.Object, r.GetProperty("extra"), "debug_info");
        var task = r.GetProperty("task");
        WireAssert.Keys(task, "task_id", "task_type", "status", "reason", "eta", "progress_percent");
        WireAssert.Kind(JsonValueKind.Number, task, "eta");
        WireAssert.Kind(JsonValueKind.Number, task, "progress_percent");
        Assert.True(task.GetProperty("eta").TryGetInt32(out _));
        Assert.True(task.GetProperty("progress_percent").TryGetInt32(out _));
        Assert.Equal(0, r.GetProperty("images").GetArrayLength());
        Assert.Equal(0, r.GetProperty("audios").GetArrayLength());
    }

    private static void AssertError(JsonElement body, int code, string reason)
    {
        WireAssert.Keys(body, "code", "reason", "message", "metadata");
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(reason, body.GetProperty("reason").GetString());
        WireAssert.Kind(JsonValueKind.String, body, "message");
        WireAssert.Keys(body.GetProperty("metadata"));
    }
}
