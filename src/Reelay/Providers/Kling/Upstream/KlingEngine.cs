using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Relays jobs to an upstream speaking the official Kling API (Kling, another Reelay, the Kling emulator).
/// Every task is created with <c>external_task_id</c> = the job id, so a submit whose answer was lost (crash,
/// timeout) is found again by <see cref="FindSubmittedAsync"/> instead of being paid for twice; a create that
/// the upstream refuses because that id is taken is resolved the same way. Status comes only from the
/// upstream's query answer (callbacks merely make the scheduler poll sooner). Error messages name the upstream
/// and what it said, never the secret key or the token.
/// </summary>
public sealed partial class KlingEngine : IVideoEngine
{
    private readonly KlingUpstreamOptions _options;
    private readonly KlingApiClient _api;
    private readonly KlingUpstreamRequestMapper _mapper;
    private readonly PollPlanner _polls;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public KlingEngine(KlingUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<KlingEngine> logger)
    {
        options.Validate();
        _options = options;
        _polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        _logger = logger;
        _time = time;
        _api = new KlingApiClient(http, options, new KlingTokenSource(options, time), time);
        _mapper = new KlingUpstreamRequestMapper(blobs, options);
    }

    public string Name => _options.Name;

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return refusal;

        var kind = KlingUpstreamRequestMapper.KindOf(job);
        var created = await _api.CreateAsync(kind, body!, ct).ConfigureAwait(false);
        if (created.Task is { } task)
        {
            LogSubmitted(_logger, job.Id, Name, task.TaskId);
            return EngineOutcome.Submitted(task.TaskId, _polls.FirstPoll(job.Request));
        }
        if (KlingFailures.IsDuplicateExternalId(created))
        {
            // An earlier attempt reached the upstream: adopt that task rather than fail or create another.
            LogDuplicateSubmit(_logger, job.Id, Name);
            var existing = await FindSubmittedAsync(context, ct).ConfigureAwait(false);
            return existing ?? EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                $"Kling upstream '{Name}' reports external_task_id '{job.Id}' as already used but cannot find that task; will ask again",
                retryable: true);
        }
        var failure = KlingFailures.Classify(created, Name);
        LogSubmitFailed(_logger, job.Id, Name, failure.ErrorCode, failure.Retryable, failure.ErrorMessage);
        return failure;
    }

    public async Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        if (string.IsNullOrEmpty(job.UpstreamRef))
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no Kling task id to query on upstream '{Name}'");
        if (TakeSweptAnswer(job) is { } swept) return FromTask(job, swept);
        var kind = KlingUpstreamRequestMapper.KindOf(job);
        var answer = await _api.QueryAsync(kind, job.UpstreamRef, ct).ConfigureAwait(false);
        if (answer.Task is { } task) return FromTask(job, task);
        if (answer.Code == KlingErrorCodes.NotFound)
            return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Kling upstream '{Name}' no longer knows task '{job.UpstreamRef}' ({answer.Message})");
        // The task exists and is paid for: anything else (even refused credentials) is retried until the deadline.
        var failure = KlingFailures.Classify(answer, Name);
        return failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };
    }

    /// <summary>
    /// Asks the upstream whether a task for this job already exists (queried by <c>external_task_id</c> = job id,
    /// which Kling resolves on the task path). Returns null only on a definite "not found" (404 code 1203): then
    /// a submit is safe. A found task is reported as Submitted (queued or running: carry on polling), Produced or
    /// Failed, each with <see cref="EngineOutcome.UpstreamRef"/> = its task id. Any other answer, or none, is a
    /// retryable failure: when unsure, the caller must not submit.
    /// </summary>
    public async Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var kind = KlingUpstreamRequestMapper.KindOf(job);
        var answer = await _api.QueryAsync(kind, job.Id, ct).ConfigureAwait(false);
        if (answer.Task is { } task)
        {
            if (task.TaskId != job.Id && task.TaskInfo?.ExternalTaskId is { } ext && ext != job.Id)
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Kling upstream '{Name}' answered a lookup of '{job.Id}' with another job's task ('{ext}'); not submitting while unsure",
                    retryable: true);
            LogFoundSubmitted(_logger, job.Id, Name, task.TaskId, task.TaskStatus);
            var outcome = task.TaskStatus is KlingTaskStatus.Submitted or KlingTaskStatus.Processing
                ? EngineOutcome.Submitted(task.TaskId, _polls.FirstPoll(job.Request))
                : FromTask(job, task);
            return outcome with { UpstreamRef = task.TaskId };
        }
        if (answer.Code == KlingErrorCodes.NotFound && answer.HttpStatus == 404) return null;
        var failure = KlingFailures.Classify(answer, Name);
        return EngineOutcome.Failed(failure.ErrorCode ?? UpstreamErrorCodes.Unavailable,
            $"{failure.ErrorMessage} (while checking whether job '{job.Id}' was already submitted; not submitting while unsure)",
            retryable: true, failure.RetryAfter);
    }

    private EngineOutcome FromTask(VideoJob job, KlingTask task)
    {
        switch (task.TaskStatus)
        {
            case KlingTaskStatus.Submitted:
            case KlingTaskStatus.Processing:
                // Kling reports neither eta nor progress: the planner backs off and estimates progress from the time since submit.
                return _polls.Running(job, new PollHint(Started: task.TaskStatus == KlingTaskStatus.Processing));
            case KlingTaskStatus.Succeed:
            {
                var url = task.TaskResult?.Videos is { Count: > 0 } videos ? videos[0].Url : null;
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    return EngineOutcome.Produced(ResultSource.Remote(uri));
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Kling upstream '{Name}' reports task '{task.TaskId}' succeeded but gives no usable video URL (unexpected schema)", retryable: true);
            }
            case KlingTaskStatus.Failed:
            {
                var reason = string.IsNullOrWhiteSpace(task.TaskStatusMsg) ? "no reason given" : task.TaskStatusMsg.Trim();
                if (reason.Length > 300) reason = reason[..300] + "…";
                return KlingFailures.IsContentRejection(task.TaskStatusMsg)
                    ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"Kling upstream '{Name}' rejected the content: {reason}")
                    : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"Kling upstream '{Name}' failed task '{task.TaskId}': {reason}");
            }
            default:
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Kling upstream '{Name}' reports unknown task_status '{Truncate(task.TaskStatus)}' (unexpected schema)", retryable: true);
        }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
