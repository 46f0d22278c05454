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
/// <see cref="FindSubmittedAsync"/> therefore answers "not found" and logs a warning: the job is submitted again and
/// may be paid for twice in that rare window. The alternative, refusing to resubmit, would block the job for ever.
/// </para>
/// </summary>
public sealed partial class HiggsfieldEngine : IVideoEngine
{
    private readonly HiggsfieldUpstreamOptions _options;
    private readonly HiggsfieldApiClient _api;
    private readonly HiggsfieldUpstreamRequestMapper _mapper;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;

    /// <param name="inputLinks">Builds the start-image links Higgsfield fetches; null (or no Reelay:PublicBaseUrl) refuses image jobs.</param>
    public HiggsfieldEngine(HiggsfieldUpstreamOptions options, HttpClient http, InputImageLinks? inputLinks, TimeProvider time, ILogger<HiggsfieldEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _api = new HiggsfieldApiClient(http, options, time);
        _mapper = new HiggsfieldUpstreamRequestMapper(options, inputLinks, time);
    }

    public string Name => _options.Name;

    public bool IsUpstream => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = _mapper.Map(job);
        if (refusal is not null) return refusal;

        var created = await _api.GenerateAsync(body!, ct).ConfigureAwait(false);
        if (created.JobSet is { } set)
        {
            LogSubmitted(_logger, job.Id, Name, set.Id);
            return EngineOutcome.Submitted(set.Id, _polls.FirstPoll(job.Request));
        }
        var failure = HiggsfieldFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
        return failure;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (string.IsNullOrEmpty(job.UpstreamRef))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no Higgsfield job set id to query on upstream '{Name}'");
        var answer = await _api.GetJobSetAsync(job.UpstreamRef, ct).ConfigureAwait(false);
        if (answer.JobSet is { } set) return FromJobSet(job, set);
        if (answer.HttpStatus == 404 && !answer.Transport)
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Higgsfield upstream '{Name}' no longer knows job set '{job.UpstreamRef}' ({answer.Message})");
        // The job set exists and is paid for: anything else (even refused credentials) is retried until the deadline.
        var failure = HiggsfieldFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>Always null ("not found, submit"): Higgsfield cannot be asked about a lost submit. See the class remarks.</summary>
    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogCannotVerify(_logger, context.Job.Id, Name);
        return Task.FromResult<EngineOutcome?>(null);
    }

    private EngineOutcome FromJobSet(VideoJob job, HiggsfieldJobSet set)
    {
        var hf = set.Jobs[0];
        switch (hf.Status)
        {
            case HiggsfieldJobStatus.Queued:
            case HiggsfieldJobStatus.InProgress:
                // Higgsfield reports no progress: the planner estimates it from the time since submit.
                return _polls.Running(job, new PollHint(Started: hf.Status == HiggsfieldJobStatus.InProgress));
            case HiggsfieldJobStatus.Completed:
            {
                var url = hf.Results?.Raw?.Url ?? hf.Results?.Min?.Url;
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Higgsfield upstream '{Name}' reports job set '{set.Id}' completed but gives no usable video URL (unexpected schema)", retryable: true);
            }
            case HiggsfieldJobStatus.Nsfw:
                return EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"Higgsfield upstream '{Name}' rejected the content (status nsfw)");
            case HiggsfieldJobStatus.Failed:
                return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Higgsfield upstream '{Name}' failed job set '{set.Id}' (status failed; Higgsfield gives no reason)");
            case HiggsfieldJobStatus.Canceled:
                return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Higgsfield upstream '{Name}' canceled job set '{set.Id}'");
            default:
                var status = hf.Status.Length <= 40 ? hf.Status : hf.Status[..40] + "…";
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Higgsfield upstream '{Name}' reports unknown job status '{status}' (unexpected schema)", retryable: true);
        }
    }
}
