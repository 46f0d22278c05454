using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
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
/// The base's <see cref="UpstreamEngine.FindSubmittedAsync"/> therefore answers "not found" and logs warning 3002: the job is submitted again
/// (images uploaded again too) and may be paid for twice in that rare window. Refusing instead would block the job for ever.
/// </para>
/// </summary>
public sealed partial class LeonardoEngine : UpstreamEngine
{
    private readonly LeonardoUpstreamOptions _options;
    private readonly LeonardoApiClient _api;
    private readonly LeonardoUpstreamRequestMapper _mapper;
    private readonly LeonardoImageUploader _uploader;

    public LeonardoEngine(LeonardoUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<LeonardoEngine> logger)
        : base("Leonardo", "generation", options, time, logger)
    {
        _options = options;
        _api = new LeonardoApiClient(http, options, time);
        _mapper = new LeonardoUpstreamRequestMapper(options);
        _uploader = new LeonardoImageUploader(_api, blobs, options.Name);
    }

    protected override IEnumerable<string?> Secrets => [_options.ApiKey];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (plan, refusal) = _mapper.Map(job);
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);

        var body = plan!.Body;
        if (plan.Start is { } start)
        {
            var (id, failure) = await UploadAsync(job, start, ct).ConfigureAwait(false);
            if (failure is not null) return UpstreamSubmit.Failed(failure);
            body = body with { ImageId = id, ImageType = LeonardoImageRef.Uploaded };
        }
        if (plan.End is { } end)
        {
            var (id, failure) = await UploadAsync(job, end, ct).ConfigureAwait(false);
            if (failure is not null) return UpstreamSubmit.Failed(failure);
            body = body with { EndFrameImage = new LeonardoImageReference(id!, LeonardoImageRef.Uploaded) };
        }

        var created = await _api.CreateAsync(body, ct).ConfigureAwait(false);
        return created.Created is { } generation
            ? UpstreamSubmit.Created(generation.GenerationId)
            : UpstreamSubmit.Failed(LeonardoFailures.Classify(created, Name));
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        var answer = await _api.GetGenerationAsync(taskRef, ct).ConfigureAwait(false);
        // Hasura answers an unknown primary key with 200 and null.
        if (answer.Generation is { } found) return found.GenerationsByPk is { } generation ? FromGeneration(job, generation) : Gone(taskRef);
        return KeepAsking(LeonardoFailures.Classify(answer, Name));
    }

    private async Task<(string? Id, EngineOutcome? Failure)> UploadAsync(VideoJob job, LeonardoImageUpload image, CancellationToken ct)
    {
        var (id, failure) = await _uploader.UploadAsync(image, ct).ConfigureAwait(false);
        if (failure is not null) return (null, failure);
        LogImageUploaded(Logger, job.Id, image.Role, Name, id!);
        return (id, null);
    }

    private EngineOutcome FromGeneration(VideoJob job, LeonardoGeneration generation) => generation.Status switch
    {
        // Leonardo reports neither progress nor eta: the schedule follows the model's typical generation time.
        "PENDING" => Polls.Running(job, new PollHint(Started: true)),
        "COMPLETE" => Produced(generation.GeneratedImages.Select(i => i.MotionMp4Url).FirstOrDefault(u => !string.IsNullOrEmpty(u)),
            generation.Id, "motionMP4URL", "complete"),
        "FAILED" => generation.GeneratedImages.Any(i => i.Nsfw)
            ? TaskFailed(generation.Id, "FAILED, an output flagged nsfw", contentRejected: true)
            : TaskFailed(generation.Id, "status FAILED; Leonardo gives no reason", contentRejected: false),
        _ => UnknownStatus(generation.Status),
    };
}
