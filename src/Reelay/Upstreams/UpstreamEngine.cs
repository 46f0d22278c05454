using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Upstreams;

/// <summary>
/// What every upstream adapter shares: submit (the adapter's create call, then the first poll planned from the request),
/// poll (the stored task reference handed to the adapter's query), the crash policy of an upstream that assigns task ids
/// itself and so cannot be asked about a lost submit, and the outcomes a task ends in (running, produced from a remote
/// URL, failed or rejected with the upstream's reason, gone, unexpected schema). An adapter supplies its wire calls and
/// the mapping of its task states. Messages name the provider, the upstream and what it said, cleaned of
/// <see cref="Secrets"/>; they never carry a key.
/// </summary>
public abstract partial class UpstreamEngine : IVideoEngine
{
    /// <summary>Longest upstream reason kept in a job's error.</summary>
    public const int MaxReasonLength = 300;

    /// <param name="provider">The provider as messages name it, e.g. <c>Highway</c>.</param>
    /// <param name="taskNoun">What the provider calls a task: <c>task</c>, <c>job set</c>, <c>generation</c>.</param>
    protected UpstreamEngine(string provider, string taskNoun, UpstreamOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        Provider = provider;
        TaskNoun = taskNoun;
        Name = options.Name;
        Polls = new PollPlanner(options.FirstPollAfter, options.MaxPollInterval, options.GenerationTimes, time);
        Logger = logger;
    }

    public string Name { get; }

    public bool IsUpstream => true;

    protected string Provider { get; }

    protected string TaskNoun { get; }

    protected PollPlanner Polls { get; }

    protected ILogger Logger { get; }

    /// <summary>The credentials blanked from every upstream text put in an error.</summary>
    protected abstract IEnumerable<string?> Secrets { get; }

    public async Task<EngineOutcome> SubmitAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        var submit = await CreateTaskAsync(context, ct).ConfigureAwait(false);
        if (submit.TaskRef is { } taskRef)
        {
            LogSubmitted(Logger, job.Id, Provider, Name, TaskNoun, submit.TaskId ?? taskRef);
            return EngineOutcome.Submitted(taskRef, Polls.FirstPoll(job.Request));
        }
        var outcome = submit.Outcome!;
        if (submit.IsFailure) LogSubmitFailed(Logger, job.Id, Provider, Name, outcome.ErrorCode, outcome.Retryable, outcome.ErrorMessage);
        return outcome;
    }

    public Task<EngineOutcome> PollAsync(EngineContext context, CancellationToken ct)
    {
        var job = context.Job;
        return string.IsNullOrEmpty(job.UpstreamRef)
            ? Task.FromResult(EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"job has no {Provider} {TaskNoun} to query on upstream '{Name}'"))
            : QueryTaskAsync(job, job.UpstreamRef, ct);
    }

    /// <summary>
    /// The crash policy of an upstream that assigns task ids itself and cannot be looked up by ours: "not found, submit
    /// again", with a warning naming the job so an operator can reconcile the rare double charge. Refusing instead would
    /// block the job for ever. Adapters that can ask (Kling's <c>external_task_id</c>) override it.
    /// </summary>
    public virtual Task<EngineOutcome?> FindSubmittedAsync(EngineContext context, CancellationToken ct)
    {
        LogResubmitting(Logger, context.Job.Id, Provider, Name, TaskNoun);
        return Task.FromResult<EngineOutcome?>(null);
    }

    /// <summary>Maps the job to the provider's request and creates the task; a refusal before any call is <see cref="UpstreamSubmit.Settled"/>.</summary>
    protected abstract Task<UpstreamSubmit> CreateTaskAsync(EngineContext context, CancellationToken ct);

    /// <summary>Asks the upstream about the task stored as <paramref name="taskRef"/> and maps the answer.</summary>
    protected abstract Task<EngineOutcome> QueryTaskAsync(VideoJob job, string taskRef, CancellationToken ct);

    /// <summary>The video of a finished task: its URL when absolute http(s), else retryable (the task is paid for; ask again).</summary>
    protected EngineOutcome Produced(string? url, string taskId, string field = "video URL", string finished = "succeeded")
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return EngineOutcome.Produced(ResultSource.Remote(uri));
        return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
            $"{Provider} upstream '{Name}' reports {TaskNoun} '{Clean(taskId, 80)}' {finished} but gives no usable {field} (unexpected schema)", retryable: true);
    }

    /// <summary>A task the upstream ended: <see cref="JobErrorCodes.ContentRejected"/> when it refused the content, else engine_failed; both final.</summary>
    protected EngineOutcome TaskFailed(string taskId, string? reason, bool contentRejected)
    {
        var said = Clean(reason, MaxReasonLength) is { Length: > 0 } r ? r : "no reason given";
        return contentRejected
            ? EngineOutcome.Failed(JobErrorCodes.ContentRejected, $"{Provider} upstream '{Name}' rejected the content: {said}")
            : EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"{Provider} upstream '{Name}' failed {TaskNoun} '{Clean(taskId, 80)}': {said}");
    }

    /// <summary>The upstream says the task does not exist (any more): final, since asking again cannot bring it back.</summary>
    protected EngineOutcome Gone(string taskRef, string? said = null)
    {
        var detail = Clean(said, MaxReasonLength) is { Length: > 0 } s ? $" ({s})" : "";
        return EngineOutcome.Failed(JobErrorCodes.EngineFailed, $"{Provider} upstream '{Name}' no longer knows {TaskNoun} '{Clean(taskRef, 200)}'{detail}");
    }

    /// <summary>A state the adapter does not know: retryable, as the schema may only have grown.</summary>
    protected EngineOutcome UnknownStatus(string? status, string field = "status") =>
        EngineOutcome.Failed(UpstreamErrorCodes.Unavailable,
            $"{Provider} upstream '{Name}' reports unknown {field} '{Clean(status, 40)}' (unexpected schema)", retryable: true);

    /// <summary>A failed query for a task that exists and is paid for: retried until the job's deadline, whatever it was (even a refused key).</summary>
    protected static EngineOutcome KeepAsking(EngineOutcome failure) =>
        failure.Retryable ? failure : failure with { ErrorCode = UpstreamErrorCodes.Unavailable, Retryable = true };

    /// <summary>One line, at most <paramref name="max"/> characters, with <see cref="Secrets"/> blanked.</summary>
    protected string Clean(string? text, int max = MaxReasonLength) => UpstreamHttp.Clean(text, Secrets, max);
}
