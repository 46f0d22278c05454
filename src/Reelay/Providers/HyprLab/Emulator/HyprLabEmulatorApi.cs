using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// The emulator's HTTP surface: <c>POST /v1/video/generations</c> (validated by the same reader as Reelay's inbound
/// HyprLab dialect, trailing commas allowed), <c>GET /v1/video/generations/{id}</c> (the polling URL), the signed
/// result downloads, and the fault injection on create. Errors are OpenAI-style.
/// </summary>
internal sealed class HyprLabEmulatorApi(HyprLabEmulatorOptions options, TimeProvider time, EmulatorVideo video, ModelCatalog catalog)
{
    private const string Route = "/v1/video/generations";
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, MaxDepth = 32 };
    private readonly ConcurrentDictionary<string, HyprLabEmulatedGeneration> _generations = new(StringComparer.Ordinal);
    private readonly FaultDice _dice = new(options.Faults.Seed);
    private readonly ResultLinks _links = new();
    private int _createRequests;
    private int _polls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int Polls => Volatile.Read(ref _polls);
    public int Created => _generations.Count;
    public int InFlight(DateTimeOffset now) => _generations.Values.Count(g => g.Running(now));
    public IReadOnlyList<HyprLabEmulatedGeneration> All() => [.. _generations.Values.OrderBy(g => g.SubmittedAt)];
    public HyprLabEmulatedGeneration? Find(string id) => _generations.GetValueOrDefault(id);

    /// <summary>Where polling and result links point: set once the server is bound (<see cref="HyprLabEmulatorOptions.PublicBaseUrl"/> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    private string Root => (options.PublicBaseUrl ?? BaseUrl).TrimEnd('/');

    public void Map(WebApplication app)
    {
        app.MapPost(Route, CreateAsync);
        app.MapGet(Route + "/{id}", (HttpContext ctx, string id) => PollAsync(ctx, id));
        app.MapGet("/results/{file}", (HttpContext ctx, string file) => DownloadAsync(ctx, file));
        app.MapFallback((HttpContext ctx) => ErrorAsync(ctx, 404, $"Unknown route {ctx.Request.Method} {ctx.Request.Path}", "invalid_request_error", "not_found"));
    }

    private bool Authorized(HttpContext ctx) =>
        string.IsNullOrEmpty(options.ApiKey) || string.Equals(ctx.Request.Headers.Authorization.ToString(), "Bearer " + options.ApiKey, StringComparison.Ordinal);

    private Task UnauthorizedAsync(HttpContext ctx) =>
        ErrorAsync(ctx, 401, "Invalid API key provided.", "invalid_request_error", "invalid_api_key");

    private async Task CreateAsync(HttpContext ctx)
    {
        var now = time.GetUtcNow();
        if (!Authorized(ctx))
        {
            await UnauthorizedAsync(ctx);
            return;
        }
        Interlocked.Increment(ref _createRequests);
        VideoRequest? request;
        var errors = new FieldErrors();
        try
        {
            using var doc = await JsonDocument.ParseAsync(ctx.Request.Body, Lenient, ctx.RequestAborted);
            request = HyprLabRequestReader.Read(doc.RootElement, catalog, errors);
        }
        catch (JsonException)
        {
            await ErrorAsync(ctx, 400, "We could not parse the JSON body of your request.", HyprLabError.InvalidRequest, "invalid_json");
            return;
        }
        if (request is null)
        {
            var all = errors.ToDictionary();
            await ErrorAsync(ctx, 400, string.Join("; ", all.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))), HyprLabError.InvalidRequest,
                all.Keys.FirstOrDefault());
            return;
        }

        var faults = options.Faults;
        if (_dice.Roll(faults.Create429))
        {
            ctx.Response.Headers.RetryAfter = "1";
            await ErrorAsync(ctx, 429, "Rate limit reached for video generations (emulated fault).", "requests", "rate_limit_exceeded");
            return;
        }
        if (_dice.Roll(faults.CreateQuota))
        {
            await ErrorAsync(ctx, 429, "You exceeded your current quota, please top up your credits (emulated fault).", "insufficient_quota", "insufficient_quota");
            return;
        }
        if (_dice.Roll(faults.Create5xx))
        {
            var unavailable = _dice.Next() < 0.5;
            await ErrorAsync(ctx, unavailable ? 503 : 500, unavailable ? "The server is overloaded (emulated fault)." : "The server had an error (emulated fault).",
                "server_error", null);
            return;
        }

        var generation = NewGeneration(request, now);
        _generations[generation.Id] = generation;
        var body = new HyprLabGeneration(now.ToUnixTimeSeconds(), generation.Id, [new HyprLabUrl($"{Root}{Route}/{generation.Id}")]);
        await JsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(body, HyprLabJsonContext.Default.HyprLabGeneration));
    }

    private async Task PollAsync(HttpContext ctx, string id)
    {
        var now = time.GetUtcNow();
        if (!Authorized(ctx))
        {
            await UnauthorizedAsync(ctx);
            return;
        }
        Interlocked.Increment(ref _polls);
        if (Find(id) is not { } generation)
        {
            await ErrorAsync(ctx, 404, $"No video generation found with id '{id}'.", HyprLabError.InvalidRequest, "not_found");
            return;
        }
        generation.CountPoll();
        await JsonAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(generation.At(now, ResultUrl), HyprLabJsonContext.Default.HyprLabGenerationStatus));
    }

    private string ResultUrl(HyprLabEmulatedGeneration g) => Root + _links.Path(g.Id, (g.EndsAt + options.ResultUrlTtl).ToUnixTimeSeconds());

    private async Task DownloadAsync(HttpContext ctx, string file)
    {
        var now = time.GetUtcNow();
        var id = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        if (id.Length == 0 || !long.TryParse(ctx.Request.Query["exp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ||
            !_links.Verify(id, exp, ctx.Request.Query["sig"].ToString()) || exp < now.ToUnixTimeSeconds())
        {
            await PlainAsync(ctx, 403, "AccessDenied");
            return;
        }
        if (Find(id) is not { } generation || !generation.Succeeded(now))
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

    private HyprLabEmulatedGeneration NewGeneration(VideoRequest request, DateTimeOffset now)
    {
        var faults = options.Faults;
        var outcome = _dice.Roll(faults.ContentRejected) ? EmulatedOutcome.ContentRejected
            : _dice.Roll(faults.FailTask) ? EmulatedOutcome.Failed
            : EmulatedOutcome.Succeed;
        var startsAt = now + options.Compress(options.QueueTime);
        return new HyprLabEmulatedGeneration
        {
            Id = "vidgen_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = startsAt + options.Compress(options.GenerationTime),
            Outcome = outcome,
        };
    }

    private static Task ErrorAsync(HttpContext ctx, int status, string message, string type, string? code) =>
        JsonAsync(ctx, status, JsonSerializer.SerializeToUtf8Bytes(new HyprLabErrorBody(new HyprLabError(message, type, null, code)), HyprLabJsonContext.Default.HyprLabErrorBody));

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
