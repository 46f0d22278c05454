using System.Text.Json;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Emulation;

namespace Reelay.Providers.Higgsfield.Emulator;

/// <summary>
/// The emulator's HTTP surface: Higgsfield's generate and job-set routes (same reader, validation and error shapes as
/// Reelay's inbound Higgsfield dialect), signed result downloads, and fault injection on generate.
/// </summary>
internal sealed class HiggsfieldEmulatorApi(HiggsfieldEmulatorOptions options, TimeProvider time, EmulatorVideo video, ModelCatalog catalog, FaultInjector faults,
    EmulatorWebhookLoop webhooks) : IEmulatorApi, IEmulatorLinks, IEmulatorCounters
{
    private readonly VideoRequestValidator _validator = new(catalog);
    private readonly ResultDownloads _results = new(video, faults, time);
    private readonly TimedTaskBook<EmulatedJobSet> _sets = new();
    private int _createRequests;
    private int _statusCalls;

    /// <summary>Where webhook result links point when no request tells: set once the server is bound (<c>PublicBaseUrl</c> wins).</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1";

    public int CreateRequests => Volatile.Read(ref _createRequests);
    public int StatusCalls => Volatile.Read(ref _statusCalls);

    public int Created => _sets.Created;

    public IReadOnlyList<VideoRequest> Received => [.. _sets.All().Select(s => s.Request)];

    public EmulatedJobSet? Find(string id) => _sets.Find(id);

    public int StatusCallsFor(string id) => _sets.Find(id)?.StatusCalls ?? 0;

    public int InFlight(DateTimeOffset now) => _sets.InFlight(now);

    public void Map(WebApplication app)
    {
        app.MapPost(Upstream.HiggsfieldApiClient.GeneratePath, (Func<HttpContext, Task<IResult>>)GenerateAsync);
        app.MapGet("/v1/job-sets/{id}", (HttpContext ctx, string id) => JobSet(ctx, id));
        _results.Map(app, (id, now) => Find(id)?.StatusAt(now) == HiggsfieldJobStatus.Completed);
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

        switch (faults.RollCreateRefusal())
        {
            case CreateRefusal.RateLimited: return HiggsfieldResponses.Detail(StatusCodes.Status429TooManyRequests, "Too many requests (emulated fault)");
            case CreateRefusal.OutOfCredit: return HiggsfieldResponses.Detail(StatusCodes.Status403Forbidden, "Not enough credits (emulated fault)");
            case CreateRefusal.Unavailable: return HiggsfieldResponses.Detail(StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable (emulated fault)");
            case CreateRefusal.ServerError: return HiggsfieldResponses.Detail(StatusCodes.Status500InternalServerError, "Internal server error (emulated fault)");
        }

        var set = NewJobSet(request, time.GetUtcNow());
        _sets.Add(set);
        ScheduleWebhook(set);
        var created = JsonSerializer.SerializeToUtf8Bytes(set.At(set.SubmittedAt, ResultUrl(ctx)), HiggsfieldJsonContext.Default.HiggsfieldJobSet);
        return new FaultyAnswer(faults, created, holdFirst: true);
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
        return new FaultyAnswer(faults, JsonSerializer.SerializeToUtf8Bytes(set.At(time.GetUtcNow(), ResultUrl(ctx)), HiggsfieldJsonContext.Default.HiggsfieldJobSet));
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

    /// <summary>
    /// docs/dialects.md §2 (Decision): once the job set is terminal its JobSet JSON is POSTed to <c>webhook.url</c>, with
    /// <c>X-Webhook-Secret</c> when the caller gave a secret — the same body Reelay's inbound dialect sends.
    /// </summary>
    private void ScheduleWebhook(EmulatedJobSet set)
    {
        if (options.Faults.CallbacksNeverCome || set.Request.Webhook is not { } target) return;
        var secret = set.Request.Extension(HiggsfieldRequestReader.WebhookSecretExtension);
        var headers = secret is null ? null : new Dictionary<string, string> { [HiggsfieldWebhookComposer.SecretHeader] = secret };
        webhooks.Schedule(new EmulatorWebhook(set.Id, target.Url, set.EndsAt,
            () => JsonSerializer.SerializeToUtf8Bytes(set.At(set.EndsAt, ResultUrl(BaseUrl)), HiggsfieldJsonContext.Default.HiggsfieldJobSet), headers));
    }

    private Func<EmulatedJobSet, string> ResultUrl(HttpContext ctx) => ResultUrl($"{ctx.Request.Scheme}://{ctx.Request.Host}", shown: true);

    private Func<EmulatedJobSet, string> ResultUrl(string requestBase, bool shown = false)
    {
        var root = (options.PublicBaseUrl ?? requestBase).TrimEnd('/');
        return s => shown ? _results.ShownUrl(root, s.Id, s.EndsAt + options.ResultUrlTtl) : _results.Url(root, s.Id, s.EndsAt + options.ResultUrlTtl);
    }

    private EmulatedJobSet NewJobSet(VideoRequest request, DateTimeOffset now)
    {
        var (startsAt, endsAt) = options.TimelineFrom(now);
        return new EmulatedJobSet
        {
            Id = Guid.NewGuid().ToString("D"),
            Request = request,
            SubmittedAt = now,
            StartsAt = startsAt,
            EndsAt = endsAt,
            Outcome = faults.RollOutcome(),
        };
    }
}
