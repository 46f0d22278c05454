using System.Security.Cryptography;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.HyprLab.Emulator;

/// <summary>
/// The emulator's HTTP surface: <c>POST /v1/video/generations</c> (validated by the same reader as Reelay's inbound
/// HyprLab dialect, trailing commas allowed), <c>GET /v1/video/generations/{id}</c> (the polling URL), the signed
/// result downloads, and the fault injection on create. Errors are OpenAI-style.
/// </summary>
internal sealed class HyprLabEmulatorApi(HyprLabEmulatorOptions options, TimeProvider time, EmulatorVideo video, ModelCatalog catalog, FaultInjector faults) : IEmulatorApi, IEmulatorLinks, IEmulatorCounters
{
    private const string Route = "/v1/video/generations";
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, MaxDepth = 32 };
    private readonly TimedTaskBook<HyprLabEmulatedGeneration> _generations = new();
    private readonly ResultDownloads _results = new(video, faults, time);
    private int _createRequests;
    private int _polls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _polls);
    public int Created => _generations.Created;
    public int InFlight(DateTimeOffset now) => _generations.InFlight(now);
    public int StatusCallsFor(string id) => _generations.Find(id)?.StatusCalls ?? 0;
    public IReadOnlyList<HyprLabEmulatedGeneration> All() => _generations.All();
    public HyprLabEmulatedGeneration? Find(string id) => _generations.Find(id);

    /// <summary>Where polling and result links point: set once the server is bound (<see cref="HyprLabEmulatorOptions.PublicBaseUrl"/> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    private string Root => (options.PublicBaseUrl ?? BaseUrl).TrimEnd('/');

    public void Map(WebApplication app)
    {
        app.MapPost(Route, CreateAsync);
        app.MapGet(Route + "/{id}", (HttpContext ctx, string id) => PollAsync(ctx, id));
        _results.Map(app, (id, now) => Find(id)?.Succeeded(now) == true);
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

        switch (faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited:
                ctx.Response.Headers.RetryAfter = "1";
                await ErrorAsync(ctx, 429, "Rate limit reached for video generations (emulated fault).", "requests", "rate_limit_exceeded");
                return;
            case CreateRefusal.OutOfCredit:
                await ErrorAsync(ctx, 429, "You exceeded your current quota, please top up your credits (emulated fault).", "insufficient_quota", "insufficient_quota");
                return;
            case CreateRefusal.Unavailable:
                await ErrorAsync(ctx, 503, "The server is overloaded (emulated fault).", "server_error", null);
                return;
            case CreateRefusal.ServerError:
                await ErrorAsync(ctx, 500, "The server had an error (emulated fault).", "server_error", null);
                return;
        }

        var generation = NewGeneration(request, now);
        _generations.Add(generation);
        if (!await faults.HoldCreateAnswerAsync(ctx)) return;
        var body = new HyprLabGeneration(now.ToUnixTimeSeconds(), generation.Id, [new HyprLabUrl($"{Root}{Route}/{generation.Id}")]);
        await faults.AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(body, HyprLabJsonContext.Default.HyprLabGeneration));
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
        generation.CountStatusCall();
        await faults.AnswerAsync(ctx, JsonSerializer.SerializeToUtf8Bytes(generation.At(now, ResultUrl), HyprLabJsonContext.Default.HyprLabGenerationStatus));
    }

    private string ResultUrl(HyprLabEmulatedGeneration g) => _results.ShownUrl(Root, g.Id, g.EndsAt + options.ResultUrlTtl);

    private HyprLabEmulatedGeneration NewGeneration(VideoRequest request, DateTimeOffset now)
    {
        var (startsAt, endsAt) = options.TimelineFrom(now);
        return new HyprLabEmulatedGeneration
        {
            Id = "vidgen_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Outcome = faults.RollOutcome(),
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
}
