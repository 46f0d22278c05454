using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Api.Native;

/// <summary>The native <c>/v1/videos</c> resource (docs/dialects.md, "Native API conventions").</summary>
public static class VideosApi
{
    /// <summary>Longest <c>Prefer: wait=N</c> honoured, in seconds.</summary>
    public const int MaxWaitSeconds = 60;

    public static IEndpointRouteBuilder MapVideosApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/videos").WithTags("Videos").AddEndpointFilter<BearerAuthFilter>();
        group.MapPost("", CreateAsync).WithName("CreateVideo");
        group.MapGet("", ListAsync).WithName("ListVideos");
        group.MapGet("/{id}", GetAsync).WithName("GetVideo");
        group.MapPost("/{id}/cancel", CancelAsync).WithName("CancelVideo");
        group.MapGet("/{id}/events", VideoEventsStream.StreamAsync).WithName("StreamVideoEvents");
        group.MapGet("/{id}/webhooks", WebhookDeliveriesAsync).WithName("ListVideoWebhooks");
        // Content is outside the group: signed URLs work without a key.
        app.MapGet("/v1/videos/{id}/content", VideoContent.GetAsync).WithTags("Videos").WithName("GetVideoContent");
        // Stored input images for URL-only upstreams: signed links only.
        app.MapGet("/v1/inputs/{file}", InputContent.GetAsync).WithTags("Videos").WithName("GetInputImage").ExcludeFromDescription();
        return app;
    }

    /// <summary>The native API's answers on the create path: RFC 9457 problems.</summary>
    private static readonly DialectCreateAnswers Answers = new(
        "native", Problems.TooLarge, Problems.MalformedJson, (errors, _) => Problems.Validation(errors), Problems.InsufficientCredits, Problems.KeyLimits);

    private static Task<IResult> CreateAsync(HttpContext http, DialectCreateFlow flow, JobService jobs, NativeVideoMapper mapper, IOptions<ReelayOptions> options) =>
        flow.RunAsync(http, http.Caller(), Answers,
            body =>
            {
                var errors = new FieldErrors();
                if (NativeRequestReader.Read(body, errors) is not { } request) return ValueTask.FromResult(DialectRead.Refused(Problems.Validation(errors)));
                var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
                if (idempotencyKey.Length > 255)
                    return ValueTask.FromResult(DialectRead.Refused(Problems.BadRequest("invalid_idempotency_key", "Idempotency-Key must be at most 255 characters.")));
                return ValueTask.FromResult(DialectRead.Of(request, idempotencyKey.Length == 0 ? null : idempotencyKey));
            },
            async outcome =>
            {
                if (outcome.Outcome == CreateOutcome.Conflict)
                    return Problems.Conflict("idempotency_key_reused", "This Idempotency-Key was already used with a different request body.");
                var job = await WaitIfPreferredAsync(http, jobs, outcome.Job!);
                SetRetryAfter(http, job);
                var video = mapper.ToNative(job, BaseUrl(http, options));
                var status = outcome.Outcome == CreateOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
                if (status == StatusCodes.Status201Created) http.Response.Headers.Location = $"/v1/videos/{job.Id}";
                return TypedResults.Json(video, NativeJsonContext.Default.NativeVideo, statusCode: status);
            });

    private static async Task<IResult> GetAsync(string id, HttpContext http, JobService jobs, NativeVideoMapper mapper, IOptions<ReelayOptions> options)
    {
        var job = await jobs.GetAsync(id, http.Caller(), http.RequestAborted);
        if (job is null) return Problems.NotFound($"Video '{id}'");
        job = await WaitIfPreferredAsync(http, jobs, job);
        SetRetryAfter(http, job);
        return TypedResults.Json(mapper.ToNative(job, BaseUrl(http, options)), NativeJsonContext.Default.NativeVideo);
    }

    private static async Task<IResult> ListAsync(HttpContext http, JobService jobs, NativeVideoMapper mapper, IOptions<ReelayOptions> options,
        int? limit, string? after, string? status)
    {
        var errors = new FieldErrors();
        if (limit is < 1 or > 100) errors.Add("limit", "must be between 1 and 100");
        JobStatus? filter = null;
        if (status is not null)
        {
            if (JobStatusExtensions.TryParseNative(status, out var s)) filter = s;
            else errors.Add("status", "must be one of queued, in_progress, completed, failed, canceled");
        }
        if (after is { Length: > 64 }) errors.Add("after", "is not a valid cursor");
        if (!errors.IsEmpty) return Problems.Validation(errors);

        var take = limit ?? 20;
        var page = await jobs.ListAsync(http.Caller(), filter, after, take + 1, http.RequestAborted);
        var hasMore = page.Count > take;
        var items = page.Take(take).Select(j => mapper.ToNative(j, BaseUrl(http, options))).ToList();
        var list = new NativeVideoList(items, hasMore, hasMore ? items[^1].Id : null);
        return TypedResults.Json(list, NativeJsonContext.Default.NativeVideoList);
    }

    private static async Task<IResult> CancelAsync(string id, HttpContext http, JobService jobs, NativeVideoMapper mapper, IOptions<ReelayOptions> options)
    {
        var (outcome, job) = await jobs.CancelAsync(id, http.Caller(), http.RequestAborted);
        return outcome switch
        {
            CancelOutcome.NotFound => Problems.NotFound($"Video '{id}'"),
            CancelOutcome.AlreadyTerminal => Problems.Conflict("already_finished", $"Video '{id}' is already {job!.Status.ToNativeName()}."),
            _ => TypedResults.Json(mapper.ToNative(job!, BaseUrl(http, options)), NativeJsonContext.Default.NativeVideo),
        };
    }

    private static async Task<IResult> WebhookDeliveriesAsync(string id, HttpContext http, JobService jobs, IWebhookOutbox outbox)
    {
        var job = await jobs.GetAsync(id, http.Caller(), http.RequestAborted);
        if (job is null) return Problems.NotFound($"Video '{id}'");
        var messages = await outbox.GetMessagesAsync(id, http.RequestAborted);
        var attempts = await outbox.GetAttemptsAsync(id, http.RequestAborted);
        var data = messages.Select(m => new NativeDelivery(
            m.Message.Id,
            m.Message.EventType,
            m.Message.Url,
            m.State.ToString().ToLowerInvariant(),
            attempts.Where(a => a.MessageId == m.Message.Id)
                .Select(a => new NativeDeliveryAttempt(a.Attempt, a.At.ToUnixTimeSeconds(), a.StatusCode, a.Error, a.DurationMs))
                .ToList())).ToList();
        return TypedResults.Json(new NativeDeliveryList(data), NativeJsonContext.Default.NativeDeliveryList);
    }

    /// <summary>Honours <c>Prefer: wait=N</c> (RFC 7240), answering early when the job ends.</summary>
    private static async Task<VideoJob> WaitIfPreferredAsync(HttpContext http, JobService jobs, VideoJob job)
    {
        var wait = PreferredWait(http.Request.Headers["Prefer"].ToString());
        if (wait is null || job.Status.IsTerminal()) return job;
        http.Response.Headers["Preference-Applied"] = $"wait={wait.Value}";
        return await jobs.WaitAsync(job, TimeSpan.FromSeconds(wait.Value), http.RequestAborted);
    }

    internal static int? PreferredWait(string prefer)
    {
        foreach (var part in prefer.Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("wait=", StringComparison.OrdinalIgnoreCase) &&
                int.TryParse(part.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return Math.Clamp(n, 0, MaxWaitSeconds);
        }
        return null;
    }

    /// <summary>Tells pollers when to look again: sooner while queued, about the engine's own cadence while running.</summary>
    private static void SetRetryAfter(HttpContext http, VideoJob job)
    {
        if (!job.Status.IsTerminal()) http.Response.Headers[HeaderNames.RetryAfter] = job.Status == JobStatus.Queued ? "1" : "2";
    }

    private static string BaseUrl(HttpContext http, IOptions<ReelayOptions> options) => RequestBaseUrl.Of(http, options);
}
