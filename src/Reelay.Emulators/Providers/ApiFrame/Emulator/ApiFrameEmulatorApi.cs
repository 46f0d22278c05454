using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.ApiFrame.Emulator;

/// <summary>
/// The emulator's HTTP surface: <c>POST /kling-imagine</c> (validated by the same reader as Reelay's inbound APIFrame
/// dialect), <c>POST /fetch</c>, the signed result downloads, and the fault injection on create.
/// </summary>
internal sealed class ApiFrameEmulatorApi(ApiFrameEmulatorOptions options, TimeProvider time, TimedTaskBook<ApiFrameEmulatedTask> book, EmulatorVideo video,
    FaultInjector faults, EmulatorWebhookLoop webhooks) : IEmulatorApi, IEmulatorLinks, IEmulatorCounters
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private readonly ResultDownloads _results = new(video, faults, time);
    private readonly HttpClient _images = new() { Timeout = TimeSpan.FromSeconds(20) };
    private int _createRequests;
    private int _fetches;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _fetches);
    public int Created => book.Created;
    public int StatusCallsFor(string id) => book.Find(id)?.StatusCalls ?? 0;
    public int InFlight(DateTimeOffset now) => book.InFlight(now);

    /// <summary>Where result links point: set once the server is bound (<see cref="ApiFrameEmulatorOptions.PublicBaseUrl"/> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public void Map(WebApplication app)
    {
        app.MapPost("/kling-imagine", CreateAsync);
        app.MapPost("/fetch", FetchAsync);
        _results.Map(app, (id, now) => book.Find(id)?.Succeeded(now) == true);
        app.MapFallback((HttpContext ctx) => ErrorsAsync(ctx, 404, $"Cannot {ctx.Request.Method} {ctx.Request.Path}"));
    }

    public string ResultUrl(ApiFrameEmulatedTask t) =>
        _results.Url(options.PublicBaseUrl ?? BaseUrl, t.Id, t.EndsAt + options.ResultUrlTtl);

    private string ShownResultUrl(ApiFrameEmulatedTask t) =>
        _results.ShownUrl(options.PublicBaseUrl ?? BaseUrl, t.Id, t.EndsAt + options.ResultUrlTtl);

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

        switch (faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited:
                ctx.Response.Headers.RetryAfter = "1";
                await ErrorsAsync(ctx, 429, "rate limit exceeded (emulated fault)");
                return;
            case CreateRefusal.OutOfCredit:
                await ErrorsAsync(ctx, 402, "insufficient credits (emulated fault)");
                return;
            case CreateRefusal.Unavailable or CreateRefusal.ServerError:
                await EmptyAsync(ctx, 500);
                return;
        }
        if (options.FetchImages && await UnreachableImageAsync(request, ctx.RequestAborted) is { } imageError)
        {
            await ErrorsAsync(ctx, 400, imageError);
            return;
        }

        var task = NewTask(request, now);
        book.Add(task);
        ScheduleWebhooks(task);
        if (!await faults.HoldCreateAnswerAsync(ctx)) return;
        await faults.AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(new ApiFrameTaskCreated(task.Id), ApiFrameJsonContext.Default.ApiFrameTaskCreated));
    }

    /// <summary>APIFrame POSTs the fetch body when a task starts processing and when it ends, with <c>x-webhook-secret</c>.</summary>
    private void ScheduleWebhooks(ApiFrameEmulatedTask task)
    {
        if (faults.Faults.CallbacksNeverCome || string.IsNullOrEmpty(task.Request.WebhookUrl)) return;
        var headers = string.IsNullOrEmpty(task.Request.WebhookSecret)
            ? null
            : new Dictionary<string, string> { [ApiFrameValues.WebhookSecretHeader] = task.Request.WebhookSecret };
        if (task.StartsAt < task.EndsAt) webhooks.Schedule(Webhook(task, task.StartsAt, headers));
        webhooks.Schedule(Webhook(task, task.EndsAt, headers));
    }

    private EmulatorWebhook Webhook(ApiFrameEmulatedTask task, DateTimeOffset at, IReadOnlyDictionary<string, string>? headers) =>
        new(task.Id, task.Request.WebhookUrl!, at,
            () => JsonSerializer.SerializeToUtf8Bytes(task.At(at, ResultUrl), ApiFrameJsonContext.Default.ApiFrameTask), headers);

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
        task.CountStatusCall();
        await faults.AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(task.At(now, ShownResultUrl), ApiFrameJsonContext.Default.ApiFrameTask));
    }

    private ApiFrameEmulatedTask NewTask(ApiFrameImagineRequest request, DateTimeOffset now)
    {
        var (startsAt, endsAt) = options.TimelineFrom(now);
        return new ApiFrameEmulatedTask
        {
            Id = Guid.NewGuid().ToString("D"),
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Outcome = faults.RollOutcome(),
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
}
