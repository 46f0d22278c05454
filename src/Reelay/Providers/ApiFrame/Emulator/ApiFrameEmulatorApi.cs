using System.Globalization;
using System.Text;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// The emulator's HTTP surface: <c>POST /kling-imagine</c> (validated by the same reader as Reelay's inbound APIFrame
/// dialect), <c>POST /fetch</c>, the signed result downloads, and the fault injection on create.
/// </summary>
internal sealed class ApiFrameEmulatorApi(ApiFrameEmulatorOptions options, TimeProvider time, ApiFrameEmulatorBook book, EmulatorVideo video,
    CancellationToken stopping)
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private readonly FaultDice _dice = new(options.Faults.Seed);
    private readonly ResultLinks _links = new();
    private readonly HttpClient _images = new() { Timeout = TimeSpan.FromSeconds(20) };
    private int _createRequests;
    private int _fetches;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Where result links point: set once the server is bound (<see cref="ApiFrameEmulatorOptions.PublicBaseUrl"/> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public void Map(WebApplication app)
    {
        app.MapPost("/kling-imagine", CreateAsync);
        app.MapPost("/fetch", FetchAsync);
        app.MapGet("/results/{file}", (HttpContext ctx, string file) => DownloadAsync(ctx, file));
        app.MapFallback((HttpContext ctx) => ErrorsAsync(ctx, 404, $"Cannot {ctx.Request.Method} {ctx.Request.Path}"));
    }

    public string ResultUrl(ApiFrameEmulatedTask t) =>
        (options.PublicBaseUrl ?? BaseUrl).TrimEnd('/') + _links.Path(t.TaskId, (t.EndsAt + options.ResultUrlTtl).ToUnixTimeSeconds());

    private bool Authorized(HttpContext ctx) =>
        string.IsNullOrEmpty(options.ApiKey) || string.Equals(ctx.Request.Headers.Authorization.ToString(), options.ApiKey, StringComparison.Ordinal);

    private async Task CreateAsync(HttpContext ctx)
    {
        var now = time.GetUtcNow();
        if (!Authorized(ctx))
        {
            await EmptyAsync(ctx, 401);
            return;
        }
        Interlocked.Increment(ref _createRequests);
        ApiFrameImagineRequest? request;
        var errors = new FieldErrors();
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted);
            request = ApiFrameImagineReader.Read(doc.RootElement, errors);
        }
        catch (JsonException)
        {
            await ErrorsAsync(ctx, 400, "request body must be valid JSON");
            return;
        }
        if (request is null)
        {
            await ErrorsAsync(ctx, 400, [.. errors.ToDictionary().SelectMany(kv => kv.Value.Select(m => $"{kv.Key} {m}"))]);
            return;
        }

        var faults = options.Faults;
        if (_dice.Roll(faults.Create429))
        {
            ctx.Response.Headers.RetryAfter = "1";
            await ErrorsAsync(ctx, 429, "rate limit exceeded (emulated fault)");
            return;
        }
        if (_dice.Roll(faults.Create5xx))
        {
            await EmptyAsync(ctx, 500);
            return;
        }
        if (options.FetchImages && await UnreachableImageAsync(request, ctx.RequestAborted) is { } imageError)
        {
            await ErrorsAsync(ctx, 400, imageError);
            return;
        }

        var task = NewTask(request, now);
        book.Add(task, !faults.WebhooksNeverCome);
        if (_dice.Roll(faults.CreateTimeout))
        {
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            try
            {
                await Task.Delay(faults.CreateTimeoutDelay, time, hang.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await JsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(new ApiFrameTaskCreated(task.TaskId), ApiFrameJsonContext.Default.ApiFrameTaskCreated));
    }

    private async Task FetchAsync(HttpContext ctx)
    {
        var now = time.GetUtcNow();
        if (!Authorized(ctx))
        {
            await EmptyAsync(ctx, 401);
            return;
        }
        Interlocked.Increment(ref _fetches);
        string? id = null;
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("task_id", out var v) && v.ValueKind == JsonValueKind.String)
                id = v.GetString();
        }
        catch (JsonException)
        {
        }
        if (string.IsNullOrEmpty(id))
        {
            await ErrorsAsync(ctx, 400, "task_id is required");
            return;
        }
        if (book.Find(id) is not { } task)
        {
            await ErrorsAsync(ctx, 404, "task not found");
            return;
        }
        task.CountFetch();
        await JsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(task.At(now, ResultUrl), ApiFrameJsonContext.Default.ApiFrameTask));
    }

    private async Task DownloadAsync(HttpContext ctx, string file)
    {
        var now = time.GetUtcNow();
        var taskId = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        if (taskId.Length == 0 || !long.TryParse(ctx.Request.Query["exp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ||
            !_links.Verify(taskId, exp, ctx.Request.Query["sig"].ToString()) || exp < now.ToUnixTimeSeconds())
        {
            await PlainAsync(ctx, 403, "AccessDenied");
            return;
        }
        if (book.Find(taskId) is not { } task || !task.Finished(now))
        {
            await PlainAsync(ctx, 404, "NoSuchKey");
            return;
        }
        if (await video.GetAsync(ctx.RequestAborted) is not { } bytes)
        {
            await PlainAsync(ctx, 500, "the emulator could not render its result video (is ffmpeg installed?)");
            return;
        }
        await Results.Bytes(bytes, "video/mp4", enableRangeProcessing: true).ExecuteAsync(ctx);
    }

    private ApiFrameEmulatedTask NewTask(ApiFrameImagineRequest request, DateTimeOffset now)
    {
        var faults = options.Faults;
        var outcome = _dice.Roll(faults.ContentRejected) ? EmulatedOutcome.ContentRejected
            : _dice.Roll(faults.FailTask) ? EmulatedOutcome.Failed
            : EmulatedOutcome.Succeed;
        var startsAt = now + options.Compress(options.QueueTime);
        return new ApiFrameEmulatedTask
        {
            TaskId = Guid.NewGuid().ToString("D"),
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = startsAt + options.Compress(options.GenerationTime),
            Outcome = outcome,
        };
    }

    /// <summary>Downloads the task's images as APIFrame would; the first that cannot be fetched is the answer.</summary>
    private async Task<string?> UnreachableImageAsync(ApiFrameImagineRequest request, CancellationToken ct)
    {
        foreach (var (field, url) in new[] { ("image_url", request.ImageUrl), ("end_image_url", request.EndImageUrl) })
        {
            if (string.IsNullOrEmpty(url)) continue;
            try
            {
                using var response = await _images.GetAsync(url, ct);
                if (!response.IsSuccessStatusCode) return $"{field} could not be downloaded (HTTP {(int)response.StatusCode})";
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                return $"{field} could not be downloaded";
            }
        }
        return null;
    }

    private static Task EmptyAsync(HttpContext ctx, int status) => JsonAsync(ctx, status, EmptyObject);

    private static Task ErrorsAsync(HttpContext ctx, int status, params string[] messages) =>
        JsonAsync(ctx, status, JsonSerializer.SerializeToUtf8Bytes(ApiFrameErrorBody.Of(messages), ApiFrameJsonContext.Default.ApiFrameErrorBody));

    private static Task JsonAsync(HttpContext ctx, int status, byte[] json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.Body.WriteAsync(json, ctx.RequestAborted).AsTask();
    }

    private static Task PlainAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ctx.RequestAborted).AsTask();
    }
}
