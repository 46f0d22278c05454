using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Relays Kling 2.5 Turbo jobs to an upstream speaking Highway's async API (Novita's layout): create i2v or t2v, then
/// read the task result until it is terminal. The upstream's <c>eta</c> sets when to ask next and its
/// <c>progress_percent</c> is reported as the job's progress. Content rejections are FAILED tasks whose reason says so.
/// <para>
/// Crash-safety policy: Highway assigns task ids itself and offers no lookup by a client id, so a submit whose answer
/// was lost (a crash between the request and recording the task id) cannot be found again.
/// <see cref="FindSubmittedAsync"/> therefore answers "not found" and logs a warning: the job is submitted again and
/// may be paid for twice in that rare window. The alternative, refusing to resubmit, would block the job for ever.
/// </para>
/// </summary>
public sealed partial class HighwayEngine : IVideoEngine
{
    private readonly HighwayUpstreamOptions _options;
    private readonly HighwayApiClient _api;
    private readonly HighwayUpstreamRequestMapper _mapper;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;

    public HighwayEngine(HighwayUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<HighwayEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _api = new HighwayApiClient(http, options, time);
        _mapper = new HighwayUpstreamRequestMapper(blobs, options);
    }

    public string Name => _options.Name;

    public bool IsUpstream => true;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;

        var created = await _api.CreateAsync(HighwayUpstreamRequestMapper.IsImageToVideo(job), body!, ct).ConfigureAwait(false);
        if (created.TaskId is { } taskId)
        {
            LogSubmitted(_logger, job.Id, Name, taskId);
            return EngineOutcome.Submitted(taskId, _polls.FirstPoll(job.Request));
        }
        var failure = HighwayFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
        return failure;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (string.IsNullOrEmpty(job.UpstreamRef))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no Highway task id to query on upstream '{Name}'");
        var answer = await _api.GetResultAsync(job.UpstreamRef, ct).ConfigureAwait(false);
        if (answer.Result is { } result) return FromResult(job, result);
        if (!answer.Transport && answer.HttpStatus == 404)
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Highway upstream '{Name}' no longer knows task '{job.UpstreamRef}' ({answer.Message})");
        // The task exists and is paid for: anything else (even a refused key) is retried until the deadline.
        var failure = HighwayFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>Always null ("not found, submit"): Highway cannot be asked about a lost submit. See the class remarks.</summary>
    public Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogCannotVerify(_logger, context.Job.Id, Name);
        return Task.FromResult<EngineOutcome?>(null);
    }

    private EngineOutcome FromResult(VideoJob job, HighwayTaskResult result)
    {
        var task = result.Task;
        switch (task.Status)
        {
            case HighwayTaskStatus.Queued:
            case HighwayTaskStatus.Processing:
                // Highway announces eta (seconds left) and progress_percent: the next query comes just after the eta.
                return _polls.Running(job, new PollHint(task.Status == HighwayTaskStatus.Processing,
                    task.Eta > 0 ? TimeSpan.FromSeconds(task.Eta) : null, task.ProgressPercent));
            case HighwayTaskStatus.Succeed:
            {
                var url = result.Videos is { Count: > 0 } videos ? videos[0].VideoUrl : null;
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Highway upstream '{Name}' reports task '{task.TaskId}' succeeded but gives no usable video URL (unexpected schema)", retryable: true);
            }
            case HighwayTaskStatus.Failed:
            {
                var reason = string.IsNullOrWhiteSpace(task.Reason) ? "no reason given" : task.Reason.Trim();
                if (reason.Length > 300) reason = reason[..300] + "…";
                return HighwayFailures.IsContentRejection(task.Reason)
                    ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"Highway upstream '{Name}' rejected the content: {reason}")
                    : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Highway upstream '{Name}' failed task '{task.TaskId}': {reason}");
            }
            default:
                var status = task.Status.Length <= 40 ? task.Status : task.Status[..40] + "…";
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Highway upstream '{Name}' reports unknown task status '{status}' (unexpected schema)", retryable: true);
        }
    }
}
