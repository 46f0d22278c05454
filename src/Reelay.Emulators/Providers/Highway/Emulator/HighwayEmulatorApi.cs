using System.Text.Json;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Providers.Highway.Upstream;
using Reelay.Emulation;

namespace Reelay.Providers.Highway.Emulator;

/// <summary>
/// The emulator's HTTP surface: Highway's i2v/t2v create and task-result routes (same reader and error shapes as
/// Reelay's inbound Highway dialect), signed result downloads, and fault injection on create.
/// </summary>
internal sealed class HighwayEmulatorApi(HighwayEmulatorOptions options, TimeProvider time, EmulatorVideo video, ModelCatalog catalog, FaultInjector faults,
    EmulatorWebhookLoop webhooks) : IEmulatorApi, IEmulatorLinks, IEmulatorCounters
{
    private readonly VideoRequestValidator _validator = new(catalog);
    private readonly ResultDownloads _results = new(video, faults, time);
    private readonly TimedTaskBook<EmulatedHighwayTask> _tasks = new();
    private int _createRequests;
    private int _statusCalls;

    /// <summary>Where webhook result links point when no request tells: set once the server is bound (<c>PublicBaseUrl</c> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _statusCalls);

    public int Created => _tasks.Created;

    public IReadOnlyList<VideoRequest> Received => [.. _tasks.All().Select(t => t.Request)];

    public EmulatedHighwayTask? Find(string id) => _tasks.Find(id);

    public int StatusCallsFor(string id) => _tasks.Find(id)?.StatusCalls ?? 0;

    public int InFlight(DateTimeOffset now) => _tasks.InFlight(now);

    public void Map(WebApplication app)
    {
        app.MapPost(HighwayApiClient.ImageToVideoPath, (Func<HttpContext, Task<IResult>>)(ctx => CreateAsync(ctx, imageToVideo: true)));
        app.MapPost(HighwayApiClient.TextToVideoPath, (Func<HttpContext, Task<IResult>>)(ctx => CreateAsync(ctx, imageToVideo: false)));
        app.MapGet(HighwayApiClient.TaskResultPath, (Func<HttpContext, IResult>)TaskResult);
        _results.Map(app, (id, now) => Find(id)?.StatusAt(now) == HighwayTaskStatus.Succeed);
        app.MapFallback(() => HighwayResponses.Error(StatusCodes.Status404NotFound, "NOT_FOUND", "no such route"));
    }

    private async Task<IResult> CreateAsync(HttpContext ctx, bool imageToVideo)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _createRequests);
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(ctx.Request);
        if (doc is null) return HighwayResponses.InvalidBody(error!);
        VideoRequest? request;
        using (doc)
        {
            var errors = new FieldErrors();
            request = HighwayRequestReader.Read(doc.RootElement, imageToVideo, errors);
            if (request is null) return HighwayResponses.Invalid(errors);
            if (request.StartImage is { } image && !IsUrlOrBase64(image)) errors.Add("image", "must be an http(s) URL or base64");
            foreach (var (field, messages) in _validator.Validate(request).ToDictionary())
            {
                // The dialect's job path resolves the image first; here the image stays as sent, so only its shape is checked above.
                if (field == "start_image") continue;
                foreach (var m in messages) errors.Add(HighwayRequestReader.FieldOf(field), m);
            }
            if (!errors.IsEmpty) return HighwayResponses.Invalid(errors);
        }

        switch (faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited:
                return HighwayResponses.Error(StatusCodes.Status429TooManyRequests, "TOKEN_LIMIT_EXCEEDED", "rate limit exceeded, retry later (emulated fault)");
            case CreateRefusal.OutOfCredit:
                return HighwayResponses.Error(StatusCodes.Status403Forbidden, HighwayFailures.NotEnoughBalance, "not enough balance (emulated fault)");
            case CreateRefusal.Unavailable:
                return HighwayResponses.Error(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "service temporarily unavailable (emulated fault)");
            case CreateRefusal.ServerError:
                return HighwayResponses.Error(StatusCodes.Status500InternalServerError, "INTERNAL_SERVER_ERROR", "internal server error (emulated fault)");
        }

        var task = NewTask(request, imageToVideo, time.GetUtcNow());
        _tasks.Add(task);
        ScheduleWebhook(task);
        return new FaultyAnswer(faults, JsonSerializer.SerializeToUtf8Bytes(new HighwayTaskCreated(task.Id), HighwayJsonContext.Default.HighwayTaskCreated), holdFirst: true);
    }

    private IResult TaskResult(HttpContext ctx)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _statusCalls);
        var taskId = ctx.Request.Query["task_id"].ToString();
        if (string.IsNullOrWhiteSpace(taskId)) return HighwayResponses.InvalidBody("task_id: is required");
        if (Find(taskId) is not { } task) return HighwayResponses.NotFound(taskId);
        task.CountStatusCall();
        return new FaultyAnswer(faults, JsonSerializer.SerializeToUtf8Bytes(task.At(time.GetUtcNow(), ResultUrl(ctx), options.ResultUrlTtl), HighwayJsonContext.Default.HighwayTaskResult));
    }

    /// <summary>Null when the caller is let in; else Highway's 401.</summary>
    private IResult? Authenticate(HttpContext ctx)
    {
        if (string.IsNullOrEmpty(options.ApiKey)) return null;
        var value = ctx.Request.Headers.Authorization.ToString();
        var presented = value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value[7..].Trim() : null;
        return presented == options.ApiKey ? null : HighwayResponses.Unauthorized();
    }

    private static bool IsUrlOrBase64(string image)
    {
        if (Uri.TryCreate(image, UriKind.Absolute, out var u) && u.Scheme is "http" or "https") return true;
        var raw = image.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && image.IndexOf(',', StringComparison.Ordinal) is > 0 and var comma
            ? image[(comma + 1)..]
            : image;
        return raw.Length > 0 && Convert.TryFromBase64String(raw, new byte[raw.Length], out _);
    }

    /// <summary>
    /// Novita's webhook: when the task ends, <c>{"event_type":"ASYNC_TASK_RESULT","payload":&lt;task result&gt;}</c> is
    /// POSTed to <c>extra.webhook.url</c> — the same body Reelay's inbound dialect sends. One attempt (the real one retries).
    /// </summary>
    private void ScheduleWebhook(EmulatedHighwayTask task)
    {
        if (options.Faults.CallbacksNeverCome || task.Request.Webhook is not { } target) return;
        webhooks.Schedule(new EmulatorWebhook(task.Id, target.Url, task.EndsAt, () =>
        {
            var body = new HighwayWebhookEvent(HighwayWebhookEvent.AsyncTaskResult, task.At(task.EndsAt, ResultUrl(BaseUrl), options.ResultUrlTtl));
            return JsonSerializer.SerializeToUtf8Bytes(body, HighwayJsonContext.Default.HighwayWebhookEvent);
        }));
    }

    private Func<EmulatedHighwayTask, string> ResultUrl(HttpContext ctx) => ResultUrl($"{ctx.Request.Scheme}://{ctx.Request.Host}", shown: true);

    private Func<EmulatedHighwayTask, string> ResultUrl(string requestBase, bool shown = false)
    {
        var root = (options.PublicBaseUrl ?? requestBase).TrimEnd('/');
        return t => shown ? _results.ShownUrl(root, t.Id, t.EndsAt + options.ResultUrlTtl) : _results.Url(root, t.Id, t.EndsAt + options.ResultUrlTtl);
    }

    private EmulatedHighwayTask NewTask(VideoRequest request, bool imageToVideo, DateTimeOffset now)
    {
        var (startsAt, endsAt) = options.TimelineFrom(now);
        return new EmulatedHighwayTask
        {
            Id = Guid.NewGuid().ToString("D"),
            TaskType = imageToVideo ? HighwayTaskTypes.ImageToVideo : HighwayTaskTypes.TextToVideo,
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Outcome = faults.RollOutcome(),
        };
    }
}
