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
public sealed partial class KlingEngine : UpstreamEngine
{
    private readonly KlingUpstreamOptions _options;
    private readonly KlingApiClient _api;
    private readonly KlingUpstreamRequestMapper _mapper;
    private readonly TimeProvider _time;

    public KlingEngine(KlingUpstreamOptions options, HttpClient http, IBlobStore blobs, TimeProvider time, ILogger<KlingEngine> logger)
        : base("Kling", "task", options, time, logger)
    {
        _options = options;
        _time = time;
        _api = new KlingApiClient(http, options, new KlingTokenSource(options, time), time);
        _mapper = new KlingUpstreamRequestMapper(blobs, options);
    }

    protected override IEnumerable<string?> Secrets => [_options.SecretKey];

    protected override async Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var (body, refusal) = await _mapper.MapAsync(job, ct).ConfigureAwait(false);
        if (refusal is not null) return UpstreamSubmit.Settled(refusal);

        var created = await _api.CreateAsync(KlingUpstreamRequestMapper.KindOf(job), body!, ct).ConfigureAwait(false);
        if (created.Task is { } task) return UpstreamSubmit.Created(task.TaskId);
        if (!KlingFailures.IsDuplicateExternalId(created)) return UpstreamSubmit.Failed(KlingFailures.Classify(created, Name));
        // An earlier attempt reached the upstream: adopt that task rather than fail or create another.
        LogDuplicateSubmit(Logger, job.Id, Name);
        var existing = await FindSubmittedAsync(context, ct).ConfigureAwait(false);
        return UpstreamSubmit.Settled(existing ?? EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
            $"Kling upstream '{Name}' reports external_task_id '{job.Id}' as already used but cannot find that task; will ask again",
            retryable: true));
    }

    protected override async Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct)
    {
        if (TakeSweptAnswer(job) is { } swept) return FromTask(job, swept);
        var answer = await _api.QueryAsync(KlingUpstreamRequestMapper.KindOf(job), taskRef, ct).ConfigureAwait(false);
        if (answer.Task is { } task) return FromTask(job, task);
        if (answer.Code == KlingErrorCodes.NotFound) return Gone(taskRef, answer.Message);
        return KeepAsking(KlingFailures.Classify(answer, Name));
    }

    /// <summary>
    /// Asks the upstream whether a task for this job already exists (queried by <c>external_task_id</c> = job id,
    /// which Kling resolves on the task path). Returns null only on a definite "not found" (404 code 1203): then
    /// a submit is safe. A found task is reported as Submitted (queued or running: carry on polling), Produced or
    /// Failed, each with <see cref="EngineOutcome.UpstreamRef"/> = its task id. Any other answer, or none, is a
    /// retryable failure: when unsure, the caller must not submit.
    /// </summary>
    public override async Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var answer = await _api.QueryAsync(KlingUpstreamRequestMapper.KindOf(job), job.Id, ct).ConfigureAwait(false);
        if (answer.Task is { } task)
        {
            if (task.TaskId != job.Id && task.TaskInfo?.ExternalTaskId is { } ext && ext != job.Id)
                return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
                    $"Kling upstream '{Name}' answered a lookup of '{job.Id}' with another job's task ('{ext}'); not submitting while unsure",
                    retryable: true);
            LogFoundSubmitted(Logger, job.Id, Name, task.TaskId, task.TaskStatus);
            var outcome = task.TaskStatus is KlingTaskStatus.Submitted or KlingTaskStatus.Processing
                ? EngineOutcome.Submitted(task.TaskId, Polls.FirstPoll(job.Request))
                : FromTask(job, task);
            return outcome with { UpstreamRef = task.TaskId };
        }
        if (answer.Code == KlingErrorCodes.NotFound && answer.HttpStatus == 404) return null;
        var failure = KlingFailures.Classify(answer, Name);
        return EngineOutcome.Failed(failure.ErrorCode ?? UpstreamErrorCodes.Unavailable,
            $"{failure.ErrorMessage} (while checking whether job '{job.Id}' was already submitted; not submitting while unsure)",
            retryable: true, failure.RetryAfter);
    }

    private EngineOutcome FromTask(VideoJob job, KlingTask task) => task.TaskStatus switch
    {
        // Kling reports neither eta nor progress: the planner backs off and estimates progress from the time since submit.
        KlingTaskStatus.Submitted or KlingTaskStatus.Processing => Polls.Running(job, new PollHint(Started: task.TaskStatus == KlingTaskStatus.Processing)),
        KlingTaskStatus.Succeed => Produced(task.TaskResult?.Videos is { Count: > 0 } videos ? videos[0].Url : null, task.TaskId),
        KlingTaskStatus.Failed => TaskFailed(task.TaskId, task.TaskStatusMsg, KlingFailures.IsContentRejection(task.TaskStatusMsg)),
        _ => UnknownStatus(task.TaskStatus, "task_status"),
    };
}
