using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reelay.Tests.Support;

namespace Reelay.Tests.Client;

/// <summary>
/// A tiny stand-in for the native API on loopback Kestrel, answering per the wire format with canned data.
/// Ids script behaviour: <c>poll-{n}-{retryAfter seconds|none|past}</c> is in progress for n GETs, then completed;
/// <c>done</c> is completed; <c>missing</c> is 404; <c>broken</c> answers 500 text; <c>busy</c> answers 429.
/// </summary>
public sealed class FakeNativeServer : IAsyncDisposable
{
    public const string Token = "rly_0123456789abcdef0123456789abcdef.s3cret";
    public const long CreatedAt = 1_750_000_000;

    private static readonly JsonSerializerOptions AsIs = new();
    private readonly ConcurrentDictionary<string, int> _gets = new();
    private readonly ConcurrentDictionary<string, bool> _idempotencyKeys = new();
    private WebApplication _app = null!;

    public Uri Endpoint => _app.BaseAddress();
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();
    public byte[] RawBytes { get; } = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();

    public static async Task<FakeNativeServer> StartAsync()
    {
        var server = new FakeNativeServer();
        server._app = await LoopbackServer.StartAsync(server.Map);
        return server;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            Requests.Enqueue(new RecordedRequest(
                context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                await Problem(401, "Unauthorized", "missing or invalid API key", "invalid_api_key").ExecuteAsync(context);
                return;
            }
            await next(context);
        });

        app.MapPost("/v1/videos", (HttpContext context, JsonElement body) =>
        {
            var model = body.GetProperty("model").GetString();
            if (model == "bad")
                return Problem(400, "Invalid request", "one or more fields are invalid", "validation_failed",
                    new Dictionary<string, string[]> { ["prompt"] = ["prompt is required"], ["duration"] = ["must be 5 or 10"] });
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            var replay = key.Length > 0 && !_idempotencyKeys.TryAdd(key, true);
            context.Response.Headers.RetryAfter = "3";
            var id = body.TryGetProperty("external_id", out var ext) ? ext.GetString()! : "poll-0-none";
            return Results.Json(VideoJson(id, "queued", 0), AsIs, statusCode: replay ? 200 : 201);
        });

        app.MapGet("/v1/videos", (int? limit, string? after, string? status) => Results.Json(new
        {
            @object = "list",
            data = new[] { VideoJson("a", status ?? "queued", 0), VideoJson("b", status ?? "queued", 0) }.Take(limit ?? 20),
            has_more = after is null,
            next_cursor = after is null ? "cur_2" : null,
        }, AsIs));

        app.MapGet("/v1/videos/{id}", (string id, HttpContext context) =>
        {
            switch (id)
            {
                case "missing": return Problem(404, "Not Found", "no video 'missing'", "not_found");
                case "broken": return Results.Text("upstream exploded", "text/plain", statusCode: 500);
                case "busy":
                    context.Response.Headers.RetryAfter = "30";
                    return Problem(429, "Too Many Requests", "slow down", "rate_limited");
                case "done": return Results.Json(VideoJson(id, "completed", 100), AsIs);
            }
            var parts = id.Split('-');
            var calls = _gets.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (parts is ["poll", var pending, var retryAfter] && calls <= int.Parse(pending))
            {
                if (retryAfter == "past") context.Response.Headers.RetryAfter = "Mon, 01 Jan 2001 00:00:00 GMT";
                else if (retryAfter != "none") context.Response.Headers.RetryAfter = retryAfter;
                return Results.Json(VideoJson(id, "in_progress", calls * 10), AsIs);
            }
            return Results.Json(VideoJson(id, "completed", 100), AsIs);
        });

        app.MapPost("/v1/videos/{id}/cancel", (string id) => id == "done"
            ? Problem(409, "Conflict", "video is already completed", "video_terminal")
            : Results.Json(VideoJson(id, "canceled", 40), AsIs));

        app.MapGet("/v1/videos/{id}/content", (string id, string variant) => id switch
        {
            "done" when variant == "raw" => Results.Bytes(RawBytes, "video/mp4", enableRangeProcessing: true),
            "done" when variant == "poster" => Results.Bytes([0xFF, 0xD8, 0xFF], "image/jpeg"),
            _ => Problem(409, "Conflict", "video has no outputs yet", "not_ready"),
        });

        app.MapGet("/v1/videos/{id}/events", async (string id, HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            string[] events =
            [
                ": keep-alive\n\n",
                $"id: 1\nevent: created\ndata: {{\"id\":\"{id}\",\"type\":\"created\",\"status\":\"queued\",\"progress\":0,\"at\":{CreatedAt}}}\n\n",
                $"id: 2\nevent: progress\ndata: {{\"id\":\"{id}\",\"type\":\"progress\",\n" +
                    $"data: \"status\":\"in_progress\",\"progress\":50,\"at\":{CreatedAt + 5}}}\n\n",
                $"id: 3\nevent: succeeded\ndata: {{\"id\":\"{id}\",\"type\":\"succeeded\",\"status\":\"completed\",\"progress\":100,\"at\":{CreatedAt + 9}}}\n\n",
            ];
            foreach (var e in events)
            {
                await context.Response.WriteAsync(e);
                await context.Response.Body.FlushAsync();
            }
        });

        app.MapGet("/v1/videos/{id}/webhooks", (string id) => Results.Json(new
        {
            @object = "list",
            data = new[]
            {
                new
                {
                    webhook_id = "msg_1", event_type = "video.completed", url = "https://example.com/hook", state = "delivered",
                    attempts = new object[]
                    {
                        new { attempt = 1, at = CreatedAt + 10, status_code = (int?)null, error = "timeout: no response within 15 s", duration_ms = 15000 },
                        new { attempt = 2, at = CreatedAt + 25, status_code = (int?)200, error = (string?)null, duration_ms = 12 },
                    },
                },
            },
        }, AsIs));
    }

    private object VideoJson(string id, string status, int progress) => new
    {
        id,
        @object = "video",
        status,
        progress,
        model = "kling-v2-1",
        prompt = "a red fox",
        negative_prompt = (string?)null,
        duration = 5,
        aspect_ratio = "16:9",
        mode = "std",
        seed = 42L,
        external_id = (string?)null,
        metadata = new Dictionary<string, string> { ["order"] = "7" },
        created_at = CreatedAt,
        started_at = status == "queued" ? (long?)null : CreatedAt + 1,
        completed_at = status == "completed" ? (long?)CreatedAt + 9 : null,
        expires_at = status == "completed" ? (long?)CreatedAt + 86_400 : null,
        error = (object?)null,
        outputs = status != "completed" ? null : new
        {
            raw = new { url = new Uri(Endpoint, $"/files/{id}/raw.mp4?sig=abc").ToString(), content_type = "video/mp4", bytes = RawBytes.Length, duration = 5.04, width = 1280, height = 720, codec = "h264" },
            min = new { url = new Uri(Endpoint, $"/files/{id}/min.mp4?sig=def").ToString(), content_type = "video/mp4", bytes = 1000, duration = 5.0, width = 640, height = 360, codec = "h264" },
            poster = new { url = new Uri(Endpoint, $"/files/{id}/poster.jpg?sig=ghi").ToString(), content_type = "image/jpeg", bytes = 3, duration = (double?)null, width = 1280, height = 720, codec = "mjpeg" },
        },
    };

    private static IResult Problem(int status, string title, string detail, string code, Dictionary<string, string[]>? errors = null) =>
        Results.Json(new { type = $"https://reelay.dev/problems/{code}", title, status, detail, code, errors }, AsIs, "application/problem+json", status);
}
