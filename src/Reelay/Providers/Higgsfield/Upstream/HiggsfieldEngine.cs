using Microsoft.Extensions.Logging;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// Relays Kling 2.5 Turbo jobs to an upstream speaking Higgsfield's platform API: generate, then poll the JobSet until
/// its one job is terminal (<c>completed</c> → the <c>raw</c> video URL, <c>nsfw</c> → content_rejected, <c>failed</c>).
/// Higgsfield reports no progress, so progress and the poll schedule are estimated from Kling's typical timings.
/// <para>
/// Crash-safety policy: Higgsfield generates the JobSet id itself and offers no lookup by a client id, so a submit whose
/// answer was lost (a crash between the request and recording its id) cannot be found again.
/// The base's <see cref="UpstreamEngine.FindSubmittedAsync"/> therefore answers "not found" and logs a warning: the job
/// is submitted again and may be paid for twice in that rare window.
/// </para>
/// </summary>
public sealed class HiggsfieldEngine : UpstreamEngine
{
    private readonly HiggsfieldUpstreamOptions _options;
    private readonly HiggsfieldApiClient _api;
    private readonly HiggsfieldUpstreamRequestMapper _mapper;

    /// <param name="inputLinks">Builds the start-image links Higgsfield fetches; null (or no Reelay:PublicBaseUrl) refuses image jobs.</param>
    public HiggsfieldEngine(HiggsfieldUpstreamOptions options, HttpClient http, InputImageLinks? inputLinks, TimeProvider time, ILogger<HiggsfieldEngine> logger)
        : base("Higgsfield", "job set", options, time, logger)
    {
        _options = options;
        _api = new HiggsfieldApiClient(http, options, time);
        _mapper = new HiggsfieldUpstreamRequestMapper(options, inputLinks, time);
    }

    protected override IEnumerable<string?> Secrets => [_options.ApiKey, _options.Secret];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        var (body, refusal) = _mapper.Map(context.Job);
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);
        var created = await _api.GenerateAsync(body!, ct).ConfigureAwait(false);
        return created.JobSet is { } set ? UpstreamSubmit.Created(set.Id) : UpstreamSubmit.Failed(HiggsfieldFailures.Classify(created, Name));
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        var answer = await _api.GetJobSetAsync(taskRef, ct).ConfigureAwait(false);
        if (answer.JobSet is { } set) return FromJobSet(job, set);
        if (answer.HttpStatus == 404 && !answer.Transport) return Gone(taskRef, answer.Message);
        return KeepAsking(HiggsfieldFailures.Classify(answer, Name));
    }

    private EngineOutcome FromJobSet(VideoJob job, HiggsfieldJobSet set)
    {
        var hf = set.Jobs[0];
        return hf.Status switch
        {
            // Higgsfield reports no progress: the planner estimates it from the time since submit.
            HiggsfieldJobStatus.Queued or HiggsfieldJobStatus.InProgress => Polls.Running(job, new PollHint(Started: hf.Status == HiggsfieldJobStatus.InProgress)),
            HiggsfieldJobStatus.Completed => Produced(hf.Results?.Raw?.Url ?? hf.Results?.Min?.Url, set.Id, finished: "completed"),
            HiggsfieldJobStatus.Nsfw => TaskFailed(set.Id, "status nsfw", contentRejected: true),
            HiggsfieldJobStatus.Failed => TaskFailed(set.Id, "status failed; Higgsfield gives no reason", contentRejected: false),
            HiggsfieldJobStatus.Canceled => TaskFailed(set.Id, "canceled upstream", contentRejected: false),
            _ => UnknownStatus(hf.Status, "job status"),
        };
    }
}
