using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Upstream;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking Leonardo.ai's REST API: stored start/end images are uploaded first through the
/// init-image flow, then <c>generations-image-to-video</c> (or <c>-text-to-video</c>) creates the generation, and
/// <c>GET /generations/{id}</c> is polled until it is <c>COMPLETE</c> (result = the first generated image's
/// <c>motionMP4URL</c>) or <c>FAILED</c> (content_rejected when an output is flagged nsfw). Leonardo reports no
/// progress: progress and the poll schedule are estimated from Kling's typical timings.
/// <para>
/// Crash-safety policy: Leonardo generates the generation id itself and offers no lookup by a client id, so a submit
/// whose answer was lost (a crash between the request and recording its id) cannot be found again.
/// <see cref="FindSubmittedAsync"/> therefore answers "not found" and logs warning 3702: the job is submitted again
/// (images uploaded again too) and may be paid for twice in that rare window. Refusing instead would block the job for ever.
/// </para>
/// </summary>
public sealed partial class LeonardoEngine : IVideoEngine
{
    private readonly LeonardoUpstreamOptions _options;
    private readonly LeonardoApiClient _api;
    private readonly LeonardoUpstreamRequestMapper _mapper;
    private readonly LeonardoImageUploader _uploader;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;

    public LeonardoEngine(LeonardoUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<LeonardoEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _api = new LeonardoApiClient(http, options, time);
        _mapper = new LeonardoUpstreamRequestMapper(options);
        _uploader = new LeonardoImageUploader(_api, blobs, options.Name);
    }

    public string Name => _options.Name;

    public bool IsUpstream => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (plan, refusal) = _mapper.Map(job);
        if (refusal is not null) return refusal;

        var body = plan!.Body;
        if (plan.Start is { } start)
        {
            var (id, failure) = await UploadAsync(job, start, ct).ConfigureAwait(false);
            if (failure is not null) return failure;
            body = body with { ImageId = id, ImageType = LeonardoImageRef.Uploaded };
        }
        if (plan.End is { } end)
        {
            var (id, failure) = await UploadAsync(job, end, ct).ConfigureAwait(false);
            if (failure is not null) return failure;
            body = body with { EndFrameImage = new LeonardoImageReference(id!, LeonardoImageRef.Uploaded) };
        }

        var created = await _api.CreateAsync(body, ct).ConfigureAwait(false);
        if (created.Created is { } generation)
        {
            LogSubmitted(_logger, job.Id, Name, generation.GenerationId);
            return EngineOutcome.Submitted(generation.GenerationId, _polls.FirstPoll(job.Request));
        }
        var refused = LeonardoFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, refused.ErrorCode, refused.Retryable, refused.ErrorMessage);
        return refused;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (string.IsNullOrEmpty(job.UpstreamRef))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no Leonardo generation id to query on upstream '{Name}'");
        var answer = await _api.GetGenerationAsync(job.UpstreamRef, ct).ConfigureAwait(false);
        if (answer.Generation is { } found)
        {
            // Hasura answers an unknown primary key with 200 and null.
            return found.GenerationsByPk is { } generation
                ? FromGeneration(job, generation)
                : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Leonardo upstream '{Name}' no longer knows generation '{job.UpstreamRef}'");
        }
        // The generation exists and is paid for: anything else (even refused credentials) is retried until the deadline.
        var failure = LeonardoFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>Always null ("not found, submit"): Leonardo cannot be asked about a lost submit. See the class remarks.</summary>
    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogResubmitPolicy(_logger, context.Job.Id, Name);
        return Task.FromResult<EngineOutcome?>(null);
    }

    private async Task<(string? Id, EngineOutcome? Failure)> UploadAsync(VideoJob job, LeonardoImageUpload image, CancellationToken ct)
    {
        var (id, failure) = await _uploader.UploadAsync(image, ct).ConfigureAwait(false);
        if (failure is not null)
        {
            LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
            return (null, failure);
        }
        LogImageUploaded(_logger, job.Id, image.Role, Name, id!);
        return (id, null);
    }

    private EngineOutcome FromGeneration(VideoJob job, LeonardoGeneration generation)
    {
        switch (generation.Status)
        {
            case "PENDING":
                // Leonardo reports neither progress nor eta: the schedule follows the model's typical generation time.
                return _polls.Running(job, new PollHint(Started: true));
            case "COMPLETE":
            {
                var url = generation.GeneratedImages.Select(i => i.MotionMp4Url).FirstOrDefault(u => !string.IsNullOrEmpty(u));
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Leonardo upstream '{Name}' reports generation '{generation.Id}' complete but gives no usable motionMP4URL (unexpected schema)", retryable: true);
            }
            case "FAILED":
                return generation.GeneratedImages.Any(i => i.Nsfw)
                    ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"Leonardo upstream '{Name}' rejected the content (generation '{generation.Id}' FAILED, nsfw)")
                    : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Leonardo upstream '{Name}' failed generation '{generation.Id}' (status FAILED; Leonardo gives no reason)");
            default:
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Leonardo upstream '{Name}' reports unknown status '{UpstreamHttp.Clean(generation.Status, _options.ApiKey)}' (unexpected schema)", retryable: true);
        }
    }
}
