using System.Text.Json;
using Reelay.Client;

namespace Reelay.Tests.Client;

public sealed class VideosClientTests : IAsyncLifetime
{
    private FakeNativeServer _server = null!;
    private VideosClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeNativeServer.StartAsync();
        _client = new VideosClient(new VideosClientOptions { Endpoint = _server.Endpoint, ApiKey = FakeNativeServer.Token });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_FullRequest_SendsSnakeCaseBodyWithoutNullsAndHeaders()
    {
        await _client.CreateAsync(new CreateVideoRequest
        {
            Model = "kling-v2-1",
            Prompt = "a red fox",
            NegativePrompt = "blur",
            CfgScale = 0.5,
            Duration = 5,
            AspectRatio = "9:16",
            Mode = "pro",
            EnhancePrompt = true,
            CameraControl = new VideoCameraControl("simple", new VideoCameraConfig { Zoom = 5 }),
            Webhook = new VideoWebhook(new Uri("https://example.com/hook"), ["completed"]),
            Metadata = new Dictionary<string, string> { ["order"] = "7" },
            IdempotencyKey = "idem-1",
            Wait = TimeSpan.FromSeconds(10),
        });

        var request = Assert.Single(_server.Requests, r => r.Method == "POST");
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("blur", root.GetProperty("negative_prompt").GetString());
        Assert.Equal(0.5, root.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("9:16", root.GetProperty("aspect_ratio").GetString());
        Assert.True(root.GetProperty("enhance_prompt").GetBoolean());
        Assert.Equal("simple", root.GetProperty("camera_control").GetProperty("type").GetString());
        Assert.Equal(5, root.GetProperty("camera_control").GetProperty("config").GetProperty("zoom").GetDouble());
        Assert.False(root.GetProperty("camera_control").GetProperty("config").TryGetProperty("pan", out _));
        Assert.Equal("https://example.com/hook", root.GetProperty("webhook").GetProperty("url").GetString());
        Assert.Equal("completed", root.GetProperty("webhook").GetProperty("events")[0].GetString());
        Assert.Equal("7", root.GetProperty("metadata").GetProperty("order").GetString());
        Assert.False(root.TryGetProperty("seed", out _));
        Assert.False(root.TryGetProperty("idempotency_key", out _));
        Assert.False(root.TryGetProperty("wait", out _));
        Assert.Equal("idem-1", request.Headers["idempotency-key"]);
        Assert.Equal("wait=10", request.Headers["prefer"]);
        Assert.Equal($"Bearer {FakeNativeServer.Token}", request.Headers["authorization"]);
    }

    [Fact]
    public async Task CreateAsync_Created_ParsesVideoAndRetryAfter()
    {
        var video = await _client.CreateAsync(new CreateVideoRequest { Model = "kling-v2-1", Prompt = "a red fox" });

        Assert.Equal(("poll-0-none", "video", VideoStatus.Queued, 0), (video.Id, video.Object, video.Status, video.Progress));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(FakeNativeServer.CreatedAt), video.CreatedAt);
        Assert.Null(video.StartedAt);
        Assert.Equal(TimeSpan.FromSeconds(3), video.RetryAfter);
        Assert.False(video.IsTerminal);
        Assert.Equal("7", video.Metadata!["order"]);
    }

    [Fact]
    public async Task CreateAsync_RepeatedIdempotencyKey_ReplayAccepted()
    {
        var request = new CreateVideoRequest { Model = "kling-v2-1", ExternalId = "done", IdempotencyKey = "same" };
        var first = await _client.CreateAsync(request);
        var replay = await _client.CreateAsync(request);

        Assert.Equal(first.Id, replay.Id);
    }

    [Fact]
    public async Task CreateAsync_ValidationProblem_ThrowsWithFieldErrors()
    {
        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.CreateAsync(new CreateVideoRequest { Model = "bad" }));

        Assert.Equal((400, "validation_failed", "Invalid request"), (ex.Status, ex.Code, ex.Title));
        Assert.Equal("https://reelay.dev/problems/validation_failed", ex.ProblemType);
        Assert.Equal(["prompt is required"], ex.Errors["prompt"]);
        Assert.Equal(["must be 5 or 10"], ex.Errors["duration"]);
        Assert.Contains("prompt: prompt is required", ex.Message);
    }

    [Fact]
    public async Task CreateAsync_WrongApiKey_Throws401()
    {
        using var client = new VideosClient(_server.Endpoint, "rly_0123456789abcdef0123456789abcdef.wrong");

        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => client.CreateAsync(new CreateVideoRequest { Model = "kling-v2-1" }));

        Assert.Equal((401, "invalid_api_key"), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task GetAsync_Completed_ParsesOutputsWithoutRetryAfter()
    {
        var video = await _client.GetAsync("done");

        Assert.Equal(VideoStatus.Completed, video.Status);
        Assert.True(video.IsTerminal);
        Assert.Null(video.RetryAfter);
        Assert.Null(video.Error);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(FakeNativeServer.CreatedAt + 9), video.CompletedAt);
        var raw = video.Outputs!.Raw!;
        Assert.True(raw.Url.IsAbsoluteUri);
        Assert.Equal(("video/mp4", _server.RawBytes.Length, 5.04, 1280, 720, "h264"), (raw.ContentType, raw.Bytes, raw.Duration, raw.Width, raw.Height, raw.Codec));
        Assert.Null(video.Outputs.Poster!.Duration);
    }

    [Fact]
    public async Task GetAsync_WithWait_SendsPreferHeader()
    {
        await _client.GetAsync("done", TimeSpan.FromSeconds(2.5));

        Assert.Equal("wait=3", _server.Requests.Single(r => r.PathAndQuery == "/v1/videos/done").Headers["prefer"]);
    }

    [Fact]
    public async Task GetAsync_Unknown_Throws404WithProblem()
    {
        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.GetAsync("missing"));

        Assert.Equal((404, "not_found", "no video 'missing'"), (ex.Status, ex.Code, ex.Detail));
        Assert.Empty(ex.Errors);
    }

    [Fact]
    public async Task GetAsync_PlainTextServerError_ThrowsWithBodyAsDetail()
    {
        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.GetAsync("broken"));

        Assert.Equal((500, "upstream exploded", null), (ex.Status, ex.Detail, ex.Code));
    }

    [Fact]
    public async Task GetAsync_RateLimited_ExposesRetryAfter()
    {
        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.GetAsync("busy"));

        Assert.Equal((429, TimeSpan.FromSeconds(30)), (ex.Status, ex.RetryAfter));
    }

    [Fact]
    public async Task ListAsync_CursorAndStatus_SendsQueryAndParsesPage()
    {
        var first = await _client.ListAsync(limit: 1, status: VideoStatus.InProgress);
        var second = await _client.ListAsync(limit: 1, after: first.NextCursor);

        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/v1/videos?limit=1&status=in_progress");
        Assert.Equal(("list", 1, true, "cur_2"), (first.Object, first.Data.Count, first.HasMore, first.NextCursor));
        Assert.Equal(VideoStatus.InProgress, first.Data[0].Status);
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/v1/videos?limit=1&after=cur_2");
        Assert.Equal((false, (string?)null), (second.HasMore, second.NextCursor));
    }

    [Fact]
    public async Task CancelAsync_Running_ReturnsCanceledVideo()
    {
        var video = await _client.CancelAsync("poll-5-1");

        Assert.Equal(VideoStatus.Canceled, video.Status);
        Assert.Contains(_server.Requests, r => r is { Method: "POST", PathAndQuery: "/v1/videos/poll-5-1/cancel" });
    }

    [Fact]
    public async Task CancelAsync_AlreadyTerminal_Throws409()
    {
        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.CancelAsync("done"));

        Assert.Equal((409, "video_terminal"), (ex.Status, ex.Code));
    }

    [Fact]
    public async Task DownloadAsync_ToStream_WritesAllBytes()
    {
        using var buffer = new MemoryStream();

        await _client.DownloadAsync("done", VideoVariant.Raw, buffer);

        Assert.Equal(_server.RawBytes, buffer.ToArray());
    }

    [Fact]
    public async Task DownloadAsync_ToPath_WritesFileAndNoPartial()
    {
        var dir = Directory.CreateTempSubdirectory("reelay-sdk-");
        try
        {
            var path = Path.Combine(dir.FullName, "poster.jpg");

            await _client.DownloadAsync("done", VideoVariant.Poster, path);

            Assert.Equal([0xFF, 0xD8, 0xFF], await File.ReadAllBytesAsync(path));
            Assert.Equal([path], Directory.GetFiles(dir.FullName));
            Assert.Contains(_server.Requests, r => r.PathAndQuery == "/v1/videos/done/content?variant=poster");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task DownloadAsync_NotReady_ThrowsAndLeavesNoFile()
    {
        var dir = Directory.CreateTempSubdirectory("reelay-sdk-");
        try
        {
            var path = Path.Combine(dir.FullName, "raw.mp4");

            var ex = await Assert.ThrowsAsync<ReelayApiException>(() => _client.DownloadAsync("poll-5-1", VideoVariant.Raw, path));

            Assert.Equal(409, ex.Status);
            Assert.Empty(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StreamEventsAsync_ServerSentEvents_YieldsEachUntilStreamEnds()
    {
        var events = new List<VideoEvent>();
        await foreach (var e in _client.StreamEventsAsync("vid_9")) events.Add(e);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence!.Value));
        Assert.Equal(["created", "progress", "succeeded"], events.Select(e => e.Type));
        Assert.Equal([VideoStatus.Queued, VideoStatus.InProgress, VideoStatus.Completed], events.Select(e => e.Status!.Value));
        Assert.Equal(50, events[1].Progress);
        Assert.All(events, e => Assert.Equal("vid_9", e.VideoId));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(FakeNativeServer.CreatedAt + 9), events[2].At);
        Assert.Equal("text/event-stream", _server.Requests.Single(r => r.PathAndQuery.EndsWith("/events")).Headers["accept"]);
    }

    [Fact]
    public async Task StreamEventsAsync_Resume_SendsLastEventId()
    {
        await foreach (var _ in _client.StreamEventsAsync("vid_9", afterSequence: 2)) { }

        Assert.Equal("2", _server.Requests.Single(r => r.PathAndQuery.EndsWith("/events")).Headers["last-event-id"]);
    }

    [Fact]
    public async Task GetWebhooksAsync_DeliveryLog_ParsesAttempts()
    {
        var log = await _client.GetWebhooksAsync("done");

        var delivery = Assert.Single(log.Data);
        Assert.Equal(("msg_1", "video.completed", "delivered"), (delivery.WebhookId, delivery.EventType, delivery.State));
        Assert.Equal([(1, (int?)null, 15000), (2, 200, 12)], delivery.Attempts.Select(a => (a.Attempt, a.StatusCode, a.DurationMs!.Value)));
        Assert.StartsWith("timeout", delivery.Attempts[0].Error);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(FakeNativeServer.CreatedAt + 25), delivery.Attempts[1].At);
    }

    [Fact]
    public void Constructor_RelativeEndpoint_Throws() =>
        Assert.Throws<ArgumentException>(() => new VideosClient(new VideosClientOptions { Endpoint = new Uri("/api", UriKind.Relative), ApiKey = "k" }));

    [Fact]
    public async Task Constructor_EndpointWithPath_RequestsUnderThatPath()
    {
        using var client = new VideosClient(new Uri(_server.Endpoint, "/gateway"), FakeNativeServer.Token);

        var ex = await Assert.ThrowsAsync<ReelayApiException>(() => client.GetAsync("done"));

        Assert.Equal((404, (string?)null), (ex.Status, ex.Detail));
        Assert.Contains(_server.Requests, r => r.PathAndQuery == "/gateway/v1/videos/done");
    }
}
