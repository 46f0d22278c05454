using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking HyprLab's video API: <c>POST /v1/video/generations</c> answers a polling URL,
/// which is kept as the job's upstream reference and fetched with the same bearer key (only on the upstream's own
/// origin). HyprLab generates the id itself and offers no lookup by an id of ours, so a submit whose answer was
/// lost cannot be found again: the policy is to submit again (the rare crash window may pay twice), and
/// <see cref="FindSubmittedAsync"/> says so in a warning. Error messages name the upstream and what it said,
/// never the key.
/// </summary>
public sealed partial class HyprLabEngine : IVideoEngine
{
    private readonly HyprLabUpstreamOptions _options;
    private readonly HyprLabApiClient _api;
    private readonly HyprLabUpstreamRequestMapper _mapper;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;

    public HyprLabEngine(HyprLabUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<HyprLabEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _api = new HyprLabApiClient(http, options, time);
        _mapper = new HyprLabUpstreamRequestMapper(blobs, options);
    }

    public string Name => _options.Name;

    public bool IsUpstream => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;

        var created = await _api.CreateAsync(body!, ct).ConfigureAwait(false);
        if (created.Created is { } generation)
        {
            var polling = generation.Data[0].Url;
            if (!Uri.TryCreate(polling, UriKind.Absolute, out var url) || !_api.IsOwnOrigin(url))
            {
                // The generation exists, but following the link would hand our key to another host.
                LogForeignPollingUrl(_logger, job.Id, Name, generation.Id);
                return EngineOutcome.Failed(JobErrorCodes.EngineFailed,
                    $"HyprLab upstream '{Name}' created generation '{generation.Id}' but gave a polling URL outside its own origin; not sending the key there");
            }
            LogSubmitted(_logger, job.Id, Name, generation.Id);
            return EngineOutcome.Submitted(url.ToString(), _polls.FirstPoll(job.Request));
        }
        var failure = HyprLabFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
        return failure;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (!Uri.TryCreate(job.UpstreamRef, UriKind.Absolute, out var url) || !_api.IsOwnOrigin(url))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no HyprLab polling URL on upstream '{Name}' to query");
        var answer = await _api.PollAsync(url, ct).ConfigureAwait(false);
        if (answer.Status is { } status) return FromStatus(job, status);
        if (answer.HttpStatus == 404 && answer.Code == "not_found")
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"HyprLab upstream '{Name}' no longer knows the generation ({answer.Message})");
        // The generation exists and is paid for: anything else (even refused credentials) is retried until the deadline.
        var failure = HyprLabFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>
    /// HyprLab cannot be asked for a generation by anything but the id it generated, and that id was lost with the
    /// answer. Policy: report "not found" (submit again) and log a warning naming the job, so an operator can
    /// reconcile the rare double charge. Documented in docs/compatibility.md.
    /// </summary>
    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogResubmitPolicy(_logger, context.Job.Id, Name);
        return Task.FromResult<EngineOutcome?>(null);
    }

    private EngineOutcome FromStatus(VideoJob job, HyprLabGenerationStatus status)
    {
        switch (status.Status)
        {
            case HyprLabStatus.Pending:
            case HyprLabStatus.Processing:
                // HyprLab reports no progress: the planner estimates it from the time since submit.
                return _polls.Running(job, new PollHint(Started: status.Status == HyprLabStatus.Processing));
            case HyprLabStatus.Succeeded:
                var video = status.Data is { Count: > 0 } data ? data[0].Url : null;
                if (Uri.TryCreate(video, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"HyprLab upstream '{Name}' reports generation '{status.Id}' succeeded but gives no usable video URL (unexpected schema)", retryable: true);
            case HyprLabStatus.Failed:
            {
                var reason = UpstreamHttp.Clean(status.Error?.Message, _options.ApiKey);
                if (reason.Length == 0) reason = "no reason given";
                return HyprLabFailures.IsContentRejection(status.Error?.Message)
                    ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"HyprLab upstream '{Name}' rejected the content: {reason}")
                    : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"HyprLab upstream '{Name}' failed generation '{status.Id}': {reason}");
            }
            default:
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"HyprLab upstream '{Name}' reports unknown status '{UpstreamHttp.Clean(status.Status, _options.ApiKey)}' (unexpected schema)", retryable: true);
        }
    }
}
