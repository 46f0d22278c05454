using System.Globalization;
using System.Text.Json;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// The emulator's HTTP surface: Higgsfield's generate and job-set routes (same reader, validation and error shapes as
/// Reelay's inbound Higgsfield dialect), signed result downloads, and fault injection on generate.
/// </summary>
internal sealed class HiggsfieldEmulatorApi(HiggsfieldEmulatorOptions options, TimeProvider time, EmulatorVideo video, ModelCatalog catalog)
{
    private readonly VideoRequestValidator _validator = new(catalog);
    private readonly FaultDice _dice = new(options.Faults.Seed);
    private readonly Kling.Emulator.ResultLinks _links = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EmulatedJobSet> _sets = new(StringComparer.Ordinal);
    private readonly List<EmulatedJobSet> _order = [];
    private int _createRequests;
    private int _statusCalls;

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _statusCalls);

    public int Created { get { lock (_lock) return _order.Count; } }

    public IReadOnlyList<VideoRequest> Received { get { lock (_lock) return [.. _order.Select(s => s.Request)]; } }

    public EmulatedJobSet? Find(string id) { lock (_lock) return _sets.GetValueOrDefault(id); }

    public int InFlight(DateTimeOffset now) { lock (_lock) return _order.Count(s => s.EndsAt > now); }

    public void Map(WebApplication app)
    {
        app.MapPost(Upstream.HiggsfieldApiClient.GeneratePath, (Func<HttpContext, Task<IResult>>)GenerateAsync);
        app.MapGet("/v1/job-sets/{id}", (HttpContext ctx, string id) => JobSet(ctx, id));
        app.MapGet("/results/{file}", (HttpContext ctx, string file) => DownloadAsync(ctx, file));
        app.MapFallback(() => HiggsfieldResponses.Detail(StatusCodes.Status404NotFound, "Not Found"));
    }

    private async Task<IResult> GenerateAsync(HttpContext ctx)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _createRequests);
        var (doc, error, _) = await RequestBodies.ReadJsonAsync(ctx.Request);
        if (doc is null) return HiggsfieldResponses.InvalidJson(error!);
        VideoRequest? request;
        using (doc)
        {
            var validation = new HiggsfieldValidation();
            request = HiggsfieldRequestReader.Read(doc.RootElement, catalog, validation);
            if (request is not null) validation.AddCore(_validator.Validate(request));
            if (request is null || !validation.IsEmpty) return HiggsfieldResponses.Invalid(validation);
        }

        var faults = options.Faults;
        if (_dice.Roll(faults.Create429)) return HiggsfieldResponses.Detail(StatusCodes.Status429TooManyRequests, "Too many requests (emulated fault)");
        if (_dice.Roll(faults.NotEnoughCredits)) return HiggsfieldResponses.Detail(StatusCodes.Status403Forbidden, "Not enough credits (emulated fault)");
        if (_dice.Roll(faults.Create5xx))
        {
            return _dice.Next() < 0.5
                ? HiggsfieldResponses.Detail(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable (emulated fault)")
                : HiggsfieldResponses.Detail(StatusCodes.Status500InternalServerError, "Internal server error (emulated fault)");
        }

        var set = NewJobSet(request, time.GetUtcNow());
        lock (_lock)
        {
            _sets[set.Id] = set;
            _order.Add(set);
        }
        return TypedResults.Json(set.At(set.CreatedAt, ResultUrl(ctx)), HiggsfieldJsonContext.Default.HiggsfieldJobSet);
    }

    private IResult JobSet(HttpContext ctx, string id)
    {
        if (Authenticate(ctx) is { } denied) return denied;
        Interlocked.Increment(ref _statusCalls);
        if (!Guid.TryParse(id, out _))
        {
            var validation = new HiggsfieldValidation();
            validation.Add("Input should be a valid UUID", "uuid_parsing", "path", "id");
            return HiggsfieldResponses.Invalid(validation);
        }
        if (Find(id) is not { } set) return HiggsfieldResponses.NotFound();
        set.CountStatusCall();
        return TypedResults.Json(set.At(time.GetUtcNow(), ResultUrl(ctx)), HiggsfieldJsonContext.Default.HiggsfieldJobSet);
    }

    private async Task<IResult> DownloadAsync(HttpContext ctx, string file)
    {
        var now = time.GetUtcNow();
        var id = file.EndsWith(".mp4", StringComparison.Ordinal) ? file[..^4] : "";
        if (id.Length == 0 || !long.TryParse(ctx.Request.Query["exp"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var exp) ||
            !_links.Verify(id, exp, ctx.Request.Query["sig"].ToString()))
            return Results.Text("AccessDenied: invalid signature", "text/plain", statusCode: 403);
        if (exp < now.ToUnixTimeSeconds()) return Results.Text("AccessDenied: Request has expired", "text/plain", statusCode: 403);
        if (Find(id) is not { } set || set.StatusAt(now) != HiggsfieldJobStatus.Completed) return Results.Text("NoSuchKey", "text/plain", statusCode: 404);
        if (await video.GetAsync(ctx.RequestAborted) is not { } bytes)
            return Results.Text("InternalError: the emulator could not render its result video (is ffmpeg installed?)", "text/plain", statusCode: 500);
        return Results.Bytes(bytes, "video/mp4", enableRangeProcessing: true);
    }

    /// <summary>Null when the caller is let in; else FastAPI's 401 detail.</summary>
    private IResult? Authenticate(HttpContext ctx)
    {
        if (string.IsNullOrEmpty(options.ApiKey)) return null;
        var key = ctx.Request.Headers[HiggsfieldAuth.KeyHeader].ToString();
        var secret = ctx.Request.Headers[HiggsfieldAuth.SecretHeader].ToString();
        if (key.Length == 0 || secret.Length == 0)
            return HiggsfieldResponses.Unauthorized($"Missing credentials: send the '{HiggsfieldAuth.KeyHeader}' and '{HiggsfieldAuth.SecretHeader}' headers");
        return key == options.ApiKey && secret == options.Secret ? null : HiggsfieldResponses.Unauthorized("Invalid credentials");
    }

    private Func<EmulatedJobSet, string> ResultUrl(HttpContext ctx)
    {
        var root = (options.PublicBaseUrl ?? $"{ctx.Request.Scheme}://{ctx.Request.Host}").TrimEnd('/');
        return s => root + _links.Path(s.Id, (s.EndsAt + options.ResultUrlTtl).ToUnixTimeSeconds());
    }

    private EmulatedJobSet NewJobSet(VideoRequest request, DateTimeOffset now)
    {
        var faults = options.Faults;
        var outcome = _dice.Roll(faults.Nsfw) ? EmulatedOutcome.ContentRejected
            : _dice.Roll(faults.FailJob) ? EmulatedOutcome.Failed
            : EmulatedOutcome.Succeed;
        var processingAt = now + options.Compress(options.QueueTime);
        return new EmulatedJobSet
        {
            Id = Guid.NewGuid().ToString("D"),
            Request = request,
            CreatedAt = now,
            ProcessingAt = processingAt,
            EndsAt = processingAt + options.Compress(options.GenerationTime),
            Outcome = outcome,
        };
    }
}
