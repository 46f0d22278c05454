using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// The emulator's HTTP surface: Kling's create, query and list routes (same reader and value rules as Reelay's
/// inbound Kling dialect), the signed result downloads, and the fault injection on each.
/// </summary>
internal sealed class EmulatorApi(KlingEmulatorOptions options, TimeProvider time, EmulatorTaskBook book, EmulatorVideo video,
    ModelCatalog catalog, CancellationToken stopping)
{
    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 32 };
    private readonly KlingRequestMapper _mapper = new(catalog);
    private readonly VideoRequestValidator _validator = new(catalog);
    private readonly FaultDice _dice = new(options.Faults.Seed);
    private readonly ResultLinks _links = new();
    private int _createRequests;
    private int _statusCalls;
    private int _resultDownloads;
    private int _expiredUrlsLeft = options.Faults.ExpiredResultUrls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _statusCalls);
    public int ResultDownloads => Volatile.Read(ref _resultDownloads);

    /// <summary>Where result links point when no request tells (callbacks): set once the server is bound.</summary>
    public string CallbackBaseUrl { get; set; } = "http://127.0.0.1";

    public void Map(WebApplication app)
    {
        foreach (var kind in new[] { KlingTaskKinds.Text2Video, KlingTaskKinds.Image2Video })
        {
            app.MapPost($"/v1/videos/{kind}", (HttpContext ctx) => CreateAsync(ctx, kind));
            app.MapGet($"/v1/videos/{kind}", (HttpContext ctx) => ListAsync(ctx, kind));
            app.MapGet($"/v1/videos/{kind}/{{id}}", (HttpContext ctx, string id) => QueryAsync(ctx, kind, id));
        }
        app.MapGet("/results/{file}", (HttpContext ctx, string file) => DownloadAsync(ctx, file));
        app.MapFallback((HttpContext ctx) => ErrorAsync(ctx, KlingErrorCodes.InvalidMethod,
            $"Invalid request method: {ctx.Request.Method} is not served on {ctx.Request.Path}"));
    }

    public Func<EmulatedTask, string> ResultUrls(string baseUrl)
    {
        var root = (options.PublicBaseUrl ?? baseUrl).TrimEnd('/');
        return t => root + _links.Path(t.TaskId, (t.EndsAt + options.ResultUrlTtl).ToUnixTimeSeconds());
    }

    private Func<EmulatedTask, string> ExpiredResultUrls(string baseUrl, DateTimeOffset now)
    {
        var root = (options.PublicBaseUrl ?? baseUrl).TrimEnd('/');
        return t => root + _links.Path(t.TaskId, now.AddSeconds(-10).ToUnixTimeSeconds());
    }

    private async Task CreateAsync(HttpContext ctx, string kind)
    {
        var now = time.GetUtcNow();
        if (EmulatorAuth.Check(ctx.Request.Headers.Authorization, options, now) is { } denied)
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
        if (_dice.Roll(faults.Create429))
        {
            await ErrorAsync(ctx, 1302, "The API request rate exceeds the limit, please try again later (emulated fault)");
            return;
        }
        if (_dice.Roll(faults.Create5xx))
        {
            var unavailable = _dice.Next() < 0.5;
            await ErrorAsync(ctx, unavailable ? 5001 : 5000, unavailable
                ? "Service temporarily unavailable, please try again later (emulated fault)"
                : "Server internal error (emulated fault)");
            return;
        }

        var admit = book.Admit(NonEmpty(request.ExternalTaskId), options.MaxConcurrentTasks, now,
            () => NewTask(request, kind, now), !faults.CallbacksNeverCome);
        if (admit.Duplicate is { } existing)
        {
            await ErrorAsync(ctx, KlingErrorCodes.InvalidParamValue,
                $"Invalid parameter value: external_task_id '{request.ExternalTaskId}' already exists (task {existing.TaskId})");
            return;
        }
        if (admit.OverLimit)
        {
            await ErrorAsync(ctx, 1303, $"Parallel task over resource pack limit: at most {options.MaxConcurrentTasks} running tasks");
            return;
        }

        if (_dice.Roll(faults.CreateTimeout))
        {
            using var hang = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            try
            {
                await Task.Delay(faults.CreateTimeoutDelay, hang.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(Envelope(admit.Created!.Created()), KlingJsonContext.Default.KlingResponseKlingTask));
    }

    private async Task QueryAsync(HttpContext ctx, string kind, string id)
    {
        var now = time.GetUtcNow();
        if (EmulatorAuth.Check(ctx.Request.Headers.Authorization, options, now) is { } denied)
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
        var urls = ResultUrls(RequestBase(ctx));
        // Fault: a link that lapsed between this answer and the download (the answer carries an already expired URL).
        if (task.Succeeded(now) && Volatile.Read(ref _expiredUrlsLeft) > 0 && Interlocked.Decrement(ref _expiredUrlsLeft) >= 0)
            urls = ExpiredResultUrls(RequestBase(ctx), now);
        var snapshot = task.At(now, urls);
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(Envelope(snapshot), KlingJsonContext.Default.KlingResponseKlingTask));
    }

    private async Task ListAsync(HttpContext ctx, string kind)
    {
        var now = time.GetUtcNow();
        if (EmulatorAuth.Check(ctx.Request.Headers.Authorization, options, now) is { } denied)
        {
            await ErrorAsync(ctx, denied.Code, denied.Message);
            return;
        }
        var pageNum = QueryInt(ctx, "pageNum", 1, 1, KlingEndpoints.MaxPageNum);
        var pageSize = QueryInt(ctx, "pageSize", KlingEndpoints.DefaultPageSize, 1, KlingEndpoints.MaxPageSize);
        if (pageNum is null || pageSize is null)
        {
            await ErrorAsync(ctx, KlingErrorCodes.InvalidParamValue,
                $"Invalid parameter value: pageNum must be 1..{KlingEndpoints.MaxPageNum} and pageSize 1..{KlingEndpoints.MaxPageSize}");
            return;
        }
        var urls = ResultUrls(RequestBase(ctx));
        IReadOnlyList<KlingTask> page = [.. book.Page(kind, pageNum.Value, pageSize.Value).Select(t => t.At(now, urls))];
        var envelope = new KlingResponse<IReadOnlyList<KlingTask>>(KlingErrorCodes.Success, KlingResults.SuccessMessage, KlingResults.NewRequestId(), page);
        await AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(envelope, KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask));
    }

    private async Task DownloadAsync(HttpContext ctx, string file)
    {
        var now = time.GetUtcNow();
        var taskId = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        var expText = ctx.Request.Query["exp"].ToString();
        if (taskId.Length == 0 || !long.TryParse(expText, NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ||
            !_links.Verify(taskId, exp, ctx.Request.Query["sig"].ToString()))
        {
            await PlainAsync(ctx, 403, "AccessDenied: invalid signature");
            return;
        }
        if (exp < now.ToUnixTimeSeconds())
        {
            await PlainAsync(ctx, 403, "AccessDenied: Request has expired");
            return;
        }
        if (book.FindById(taskId) is not { } task || !task.Succeeded(now))
        {
            await PlainAsync(ctx, 404, "NoSuchKey");
            return;
        }
        if (await video.GetAsync(ctx.RequestAborted) is not { } bytes)
        {
            await PlainAsync(ctx, 500, "InternalError: the emulator could not render its result video (is ffmpeg installed?)");
            return;
        }

        Interlocked.Increment(ref _resultDownloads);
        var faults = options.Faults;
        if (_dice.Roll(faults.TruncatedDownload))
        {
            ctx.Response.ContentType = "video/mp4";
            ctx.Response.ContentLength = bytes.Length;
            await ctx.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            ctx.Abort();
            return;
        }
        if (_dice.Roll(faults.SlowDownload))
        {
            await ThrottledAsync(ctx, bytes, Math.Max(1024, faults.SlowDownloadBytesPerSecond));
            return;
        }
        await Results.Bytes(bytes, "video/mp4", enableRangeProcessing: true).ExecuteAsync(ctx);
    }

    /// <summary>Bandwidth is wall-clock (it models the network, not the upstream's clock), in 10 slices a second.</summary>
    private async Task ThrottledAsync(HttpContext ctx, byte[] bytes, int bytesPerSecond)
    {
        ctx.Response.ContentType = "video/mp4";
        ctx.Response.ContentLength = bytes.Length;
        var slice = Math.Max(1, bytesPerSecond / 10);
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += slice)
            {
                await ctx.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(slice, bytes.Length - offset)), cut.Token);
                await ctx.Response.Body.FlushAsync(cut.Token);
                if (offset + slice < bytes.Length) await Task.Delay(TimeSpan.FromMilliseconds(100), cut.Token);
            }
        }
        catch (OperationCanceledException)
        {
            ctx.Abort();
        }
    }

    private EmulatedTask NewTask(KlingVideoRequest request, string kind, DateTimeOffset now)
    {
        var faults = options.Faults;
        var outcome = _dice.Roll(faults.ContentRejected) ? EmulatedOutcome.ContentRejected
            : _dice.Roll(faults.FailTask) ? EmulatedOutcome.Failed
            : EmulatedOutcome.Succeed;
        var generation = options.GenerationTime;
        if (options.GenerationTimeMax is { } max && max > generation)
            generation += TimeSpan.FromTicks((long)((max - generation).Ticks * _dice.Next()));
        var processingAt = now + options.Compress(options.QueueTime);
        return new EmulatedTask
        {
            TaskId = NewId(),
            Kind = kind,
            ExternalTaskId = NonEmpty(request.ExternalTaskId),
            CallbackUrl = request.CallbackUrl,
            Duration = request.Duration ?? "5",
            Mode = request.Mode ?? "std",
            SubmittedAt = now,
            ProcessingAt = processingAt,
            EndsAt = processingAt + options.Compress(generation),
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

    /// <summary>A success answer, through the answer faults: reset connection, truncated JSON, renamed members.</summary>
    private async Task AnswerAsync(HttpContext ctx, byte[] json)
    {
        var faults = options.Faults;
        if (_dice.Roll(faults.ConnectionReset))
        {
            ctx.Abort();
            return;
        }
        if (_dice.Roll(faults.MalformedJson)) json = json[..(json.Length / 2)];
        else if (_dice.Roll(faults.SchemaChanged)) json = RenameMembers(json);
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.Body.WriteAsync(json, ctx.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext ctx, int code, string message)
    {
        ctx.Response.StatusCode = KlingErrorCodes.HttpStatusOf(code);
        ctx.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new KlingErrorBody(code, message, KlingResults.NewRequestId()), KlingJsonContext.Default.KlingErrorBody);
        return ctx.Response.Body.WriteAsync(body, ctx.RequestAborted).AsTask();
    }

    private static Task PlainAsync(HttpContext ctx, int status, string text)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/plain";
        return ctx.Response.WriteAsync(text, ctx.RequestAborted);
    }

    /// <summary>The same document with every member renamed snake_case → camelCase (a "new API version").</summary>
    private static byte[] RenameMembers(byte[] json)
    {
        static JsonNode? Rename(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.Select(kv => KeyValuePair.Create(Camel(kv.Key), Rename(kv.Value?.DeepClone())))),
            JsonArray a => new JsonArray([.. a.Select(i => Rename(i?.DeepClone()))]),
            _ => node?.DeepClone(),
        };
        static string Camel(string name)
        {
            var parts = name.Split('_');
            return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
        }
        return JsonSerializer.SerializeToUtf8Bytes(Rename(JsonNode.Parse(json)));
    }
}
