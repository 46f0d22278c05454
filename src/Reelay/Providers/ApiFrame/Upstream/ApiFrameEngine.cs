using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking APIFrame's Kling API (<c>POST /kling-imagine</c>, <c>POST /fetch</c>).
/// APIFrame generates the task id itself and offers no way to find a task by an id of ours, so a submit whose
/// answer was lost (crash, timeout) cannot be found again: the policy is to submit again (the rare crash window may
/// pay twice), and <see cref="FindSubmittedAsync"/> says so in a warning rather than block the job forever. Status
/// comes only from <c>/fetch</c> (webhooks merely make the scheduler poll sooner). Error messages name the upstream
/// and what it said, never the API key.
/// </summary>
public sealed partial class ApiFrameEngine : IVideoEngine
{
    private readonly ApiFrameUpstreamOptions _options;
    private readonly ApiFrameApiClient _api;
    private readonly ApiFrameUpstreamRequestMapper _mapper;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;

    /// <param name="links">Signs links to stored images; null (or no PublicBaseUrl) makes image-to-video jobs fail with a clear message.</param>
    public ApiFrameEngine(ApiFrameUpstreamOptions options, HttpClient http, InputImageLinks? links, TimeProvider time, ILogger<ApiFrameEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _api = new ApiFrameApiClient(http, options, time);
        _mapper = new ApiFrameUpstreamRequestMapper(options, links, time);
    }

    public string Name => _options.Name;

    public bool IsUpstream => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        // A fresh secret per submit: APIFrame echoes it on each webhook. Reelay does not need to check it, since a
        // webhook only moves the next /fetch earlier, but it keeps one job's webhook secret from being any other's.
        var (body, refusal) = _mapper.Map(job, RandomNumberGenerator.GetHexString(32, lowercase: true));
        if (refusal is not null) return refusal;

        var created = await _api.CreateAsync(body!, ct).ConfigureAwait(false);
        if (created.CreatedTaskId is { } taskId)
        {
            LogSubmitted(_logger, job.Id, Name, taskId);
            return EngineOutcome.Submitted(taskId, _polls.FirstPoll(job.Request));
        }
        var failure = ApiFrameFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
        return failure;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (string.IsNullOrEmpty(job.UpstreamRef))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no APIFrame task id to fetch on upstream '{Name}'");
        var answer = await _api.FetchAsync(job.UpstreamRef, ct).ConfigureAwait(false);
        if (answer.Task is { } task)
        {
            if (task.TaskId != job.UpstreamRef)
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"APIFrame upstream '{Name}' answered a fetch of task '{job.UpstreamRef}' with another task; will ask again", retryable: true);
            return FromTask(job, task);
        }
        if (answer.HttpStatus == 404 && answer.Message.Contains("not found", StringComparison.OrdinalIgnoreCase))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"APIFrame upstream '{Name}' no longer knows task '{job.UpstreamRef}' ({answer.Message})");
        // The task exists and is paid for: anything else (even refused credentials) is retried until the deadline.
        var failure = ApiFrameFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>
    /// APIFrame cannot be asked for a task by anything but the id it generated, and that id was lost with the
    /// answer. Policy: report "not found" (submit again) and log a warning naming the job, so an operator can
    /// reconcile the rare double charge. Documented in docs/compatibility.md.
    /// </summary>
    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogResubmitPolicy(_logger, context.Job.Id, Name);
        return Task.FromResult<EngineOutcome?>(null);
    }

    private EngineOutcome FromTask(VideoJob job, ApiFrameTask task)
    {
        switch (task.Status)
        {
            case ApiFrameStatuses.Pending:
            case ApiFrameStatuses.Staged:
                return _polls.Running(job, new PollHint(Started: false, Percent: task.Percentage?.Value));
            case ApiFrameStatuses.Starting:
            case ApiFrameStatuses.Processing:
            case ApiFrameStatuses.Retrying:
                // APIFrame's own percentage when it gives one (it also paces the next /fetch), else an estimate.
                return _polls.Running(job, new PollHint(Started: true, Percent: task.Percentage?.Value));
            case ApiFrameStatuses.Finished:
                if (Uri.TryCreate(task.VideoUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"APIFrame upstream '{Name}' reports task '{task.TaskId}' finished but gives no usable video_url (unexpected schema)", retryable: true);
            case ApiFrameStatuses.Failed:
            {
                var reason = UpstreamHttp.Clean(task.Message, _options.ApiKey);
                if (reason.Length == 0) reason = "no reason given";
                return ApiFrameFailures.IsContentRejection(task.Message)
                    ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"APIFrame upstream '{Name}' rejected the content: {reason}")
                    : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"APIFrame upstream '{Name}' failed task '{task.TaskId}': {reason}");
            }
            default:
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"APIFrame upstream '{Name}' reports unknown status '{UpstreamHttp.Clean(task.Status, _options.ApiKey)}' (unexpected schema)", retryable: true);
        }
    }
}
