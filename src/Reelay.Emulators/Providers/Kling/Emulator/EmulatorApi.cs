using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Reelay.Emulation;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// The emulator's HTTP surface: Kling's create, query and list routes (same reader and value rules as Reelay's
/// inbound Kling dialect), the signed result downloads, and the fault injection on each.
/// </summary>
internal sealed class EmulatorApi(KlingEmulatorOptions options, TimeProvider time, EmulatorTaskBook book, EmulatorVideo video,
    ModelCatalog catalog, FaultInjector faults, EmulatorWebhookLoop callbacks) : IEmulatorApi, IEmulatorLinks, IEmulatorCounters
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };
    private readonly KlingRequestMapper _mapper = new(catalog);
    private readonly VideoRequestValidator _validator = new(catalog);
    private readonly FaultInjector _faults = faults;
    private readonly ResultDownloads _results = new(video, faults, time);
    private int _createRequests;
    private int _statusCalls;
    private int _listCalls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _statusCalls);
    public int ListCalls => Volatile.Read(ref _listCalls);
    public int Created => book.Created;
    public int StatusCallsFor(string id) => book.FindById(id)?.StatusCalls ?? 0;
    public int InFlight(DateTimeOffset now) => book.InFlight(now);
    public int ResultDownloads => _results.Served;

    /// <summary>Where result links point when no request tells (callbacks): set once the server is bound.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public void Map(WebApplication app)
    {
        foreach (var kind in new[] { KlingTaskKinds.Text2Video, KlingTaskKinds.Image2Video })
        {
            app.MapPost($"/v1/videos/{kind}", (HttpContext ctx) => CreateAsync(ctx, kind));
            app.MapGet($"/v1/videos/{kind}", (HttpContext ctx) => ListAsync(ctx, kind));
            app.MapGet($"/v1/videos/{kind}/{{id}}", (HttpContext ctx, string id) => QueryAsync(ctx, kind, id));
        }
        _results.Map(app, (id, now) => book.FindById(id)?.Succeeded(now) == true);
        app.MapFallback((HttpContext ctx) => ErrorAsync(ctx, KlingErrorCodes.InvalidMethod,
            $"Invalid request method: {ctx.Request.Method} is not served on {ctx.Request.Path}"));
    }

    public Func<EmulatedTask, string> ResultUrls(string baseUrl)
    {
        var root = (options.PublicBaseUrl ?? baseUrl).TrimEnd('/');
        return t => _results.Url(root, t.Id, t.EndsAt + options.ResultUrlTtl);
    }

    /// <summary>
    /// The result links of one answer (a single-task query or a list page), through the expired-URL fault — in lists
    /// too, so a client that learns of results from the task list meets the fault as one that queries each task does.
    /// </summary>
    private Func<EmulatedTask, string> AnswerUrls(HttpContext ctx)
    {
        var root = (options.PublicBaseUrl ?? RequestBase(ctx)).TrimEnd('/');
        return t => _results.ShownUrl(root, t.Id, t.EndsAt + options.ResultUrlTtl);
    }

    private async Task CreateAsync(HttpContext ctx, string kind)
    {
        var now = time.GetUtcNow();
        if (await EmulatorAuth.CheckAsync(ctx.Request.Headers.Authorization, options, now) is { } denied)
        {
            await ErrorAsync(ctx, denied.Code, denied.Message);
            return;
        }
        Interlocked.Increment(ref _createRequests);
        JsonDocument doc;
        try
        {
            doc = await JsonDocument.ParseAsync(ctx.Request.Body, JsonOptions, ctx.RequestAborted);
        }
        catch (JsonException ex)
        {
            await ErrorAsync(ctx, KlingErrorCodes.InvalidParams, $"Invalid request parameters: the body is not valid JSON: {ex.Message}");
            return;
        }
        KlingVideoRequest? request;
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                await ErrorAsync(ctx, KlingErrorCodes.InvalidParams, "Invalid request parameters: the body must be a JSON object");
                return;
            }
            var errors = new FieldErrors();
            request = KlingRequestReader.Read(doc.RootElement, kind, errors);
            var canonical = request is null ? null : _mapper.ToVideoRequest(request, kind, errors);
            if (canonical is not null) errors = _validator.Validate(canonical);
            if (request is null || !errors.IsEmpty)
            {
                var parts = errors.ToDictionary().Select(kv =>
                    $"{(canonical is null ? kv.Key : KlingRequestMapper.KlingFieldOf(kv.Key, canonical))}: {string.Join("; ", kv.Value)}");
                await ErrorAsync(ctx, KlingErrorCodes.InvalidParamValue, "Invalid parameter value: " + string.Join("; ", parts));
                return;
            }
        }

        var faults = options.Faults;
        switch (_faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited:
                await ErrorAsync(ctx, 1302, "The API request rate exceeds the limit, please try again later (emulated fault)");
                return;
            case CreateRefusal.OutOfCredit:
                await ErrorAsync(ctx, 1102, "Account resource pack exhausted, please recharge (emulated fault)");
                return;
            case CreateRefusal.Unavailable:
                await ErrorAsync(ctx, 5001, "Service temporarily unavailable, please try again later (emulated fault)");
                return;
            case CreateRefusal.ServerError:
                await ErrorAsync(ctx, 5000, "Server internal error (emulated fault)");
                return;
        }

        var admit = book.Admit(NonEmpty(request.ExternalTaskId), options.MaxConcurrentTasks, now,
            () => NewTask(request, kind, now));
        if (admit.Duplicate is { } existing)
        {
            await ErrorAsync(ctx, KlingErrorCodes.InvalidParamValue,
                $"Invalid parameter value: external_task_id '{request.ExternalTaskId}' already exists (task {existing.Id})");
            return;
        }
        if (admit.OverLimit)
        {
            await ErrorAsync(ctx, 1303, $"Parallel task over resource pack limit: at most {options.MaxConcurrentTasks} running tasks");
            return;
        }

        ScheduleCallbacks(admit.Created!);
        if (!await _faults.HoldCreateAnswerAsync(ctx)) return;
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(Envelope(admit.Created!.Created()), KlingJsonContext.Default.KlingResponseKlingTask));
    }

    /// <summary>Kling calls back when a task starts processing and when it ends: the bare task object, no signature.</summary>
    private void ScheduleCallbacks(EmulatedTask task)
    {
        if (options.Faults.CallbacksNeverCome || task.CallbackUrl is not { } url) return;
        if (task.StartsAt < task.EndsAt) callbacks.Schedule(Callback(task, url, task.StartsAt));
        callbacks.Schedule(Callback(task, url, task.EndsAt));
    }

    private EmulatorWebhook Callback(EmulatedTask task, string url, DateTimeOffset at) =>
        new(task.Id, url, at, () => JsonSerializer.SerializeToUtf8Bytes(task.At(at, ResultUrls(BaseUrl)), KlingJsonContext.Default.KlingTask));

    private async Task QueryAsync(HttpContext ctx, string kind, string id)
    {
        var now = time.GetUtcNow();
        if (await EmulatorAuth.CheckAsync(ctx.Request.Headers.Authorization, options, now) is { } denied)
        {
            await ErrorAsync(ctx, denied.Code, denied.Message);
            return;
        }
        Interlocked.Increment(ref _statusCalls);
        if (book.Find(kind, id) is not { } task)
        {
            await ErrorAsync(ctx, KlingErrorCodes.NotFound, $"Resource not found: no {kind} task '{id}'");
            return;
        }
        task.CountStatusCall();
        var snapshot = task.At(now, AnswerUrls(ctx));
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(Envelope(snapshot), KlingJsonContext.Default.KlingResponseKlingTask));
    }

    private async Task ListAsync(HttpContext ctx, string kind)
    {
        var now = time.GetUtcNow();
        if (await EmulatorAuth.CheckAsync(ctx.Request.Headers.Authorization, options, now) is { } denied)
        {
            await ErrorAsync(ctx, denied.Code, denied.Message);
            return;
        }
        Interlocked.Increment(ref _listCalls);
        var pageNum = QueryInt(ctx, "pageNum", 1, 1, KlingEndpoints.MaxPageNum);
        var pageSize = QueryInt(ctx, "pageSize", KlingEndpoints.DefaultPageSize, 1, KlingEndpoints.MaxPageSize);
        if (pageNum is null || pageSize is null)
        {
            await ErrorAsync(ctx, KlingErrorCodes.InvalidParamValue,
                $"Invalid parameter value: pageNum must be 1..{KlingEndpoints.MaxPageNum} and pageSize 1..{KlingEndpoints.MaxPageSize}");
            return;
        }
        var urls = AnswerUrls(ctx);
        IReadOnlyList<KlingTask> page = [.. book.Page(kind, pageNum.Value, pageSize.Value).Select(t => t.At(now, urls))];
        var envelope = new KlingResponse<IReadOnlyList<KlingTask>>(KlingErrorCodes.Success, KlingResults.SuccessMessage, KlingResults.NewRequestId(), page);
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(envelope, KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask));
    }

    private EmulatedTask NewTask(KlingVideoRequest request, string kind, DateTimeOffset now)
    {
        var outcome = _faults.RollOutcome();
        var generation = options.GenerationTime;
        if (options.GenerationTimeMax is { } max && max > generation)
            generation += TimeSpan.FromTicks((long)((max - generation).Ticks * _faults.Dice.Next()));
        var startsAt = now + options.Compress(options.QueueTime);
        return new EmulatedTask
        {
            Id = NewId(),
            Kind = kind,
            ExternalTaskId = NonEmpty(request.ExternalTaskId),
            CallbackUrl = request.CallbackUrl,
            Duration = request.Duration ?? "5",
            Mode = request.Mode ?? "std",
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = startsAt + options.Compress(generation),
            Outcome = outcome,
            VideoId = Guid.NewGuid().ToString("D"),
        };
    }

    /// <summary>22 URL-safe characters, shaped like Kling's own task ids.</summary>
    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static KlingResponse<KlingTask> Envelope(KlingTask task) =>
        new(KlingErrorCodes.Success, KlingResults.SuccessMessage, KlingResults.NewRequestId(), task);

    private static string RequestBase(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    private static int? QueryInt(HttpContext ctx, string name, int fallback, int min, int max)
    {
        var text = ctx.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;
    }

    private Task AnswerAsync(HttpContext ctx, byte[] json) => _faults.AnswerAsync(ctx, json);

    private static Task ErrorAsync(HttpContext ctx, int code, string message)
    {
        ctx.Response.StatusCode = KlingErrorCodes.HttpStatusOf(code);
        ctx.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new KlingErrorBody(code, message, KlingResults.NewRequestId()), KlingJsonContext.Default.KlingErrorBody);
        return ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }
}
