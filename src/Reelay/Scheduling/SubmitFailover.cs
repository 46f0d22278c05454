using Microsoft.Extensions.Logging;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Upstreams;

namespace Reelay.Scheduling;

/// <summary>
/// Decides where a job goes after a retryable submit failure on one upstream when another upstream serves its model.
/// Guarantees:
/// <list type="bullet">
/// <item>A failure that proves nothing reached the upstream (<see cref="EngineOutcome.NothingSent"/>: refused connect,
/// unresolvable name, open circuit), with no earlier send to it possible, moves the job at once, without a lookup.</item>
/// <item>Otherwise the upstream is asked whether it accepted the job after all (a timeout can hide a success); a task it
/// has is tracked, "not found" moves the job.</item>
/// <item>When the upstream cannot tell, the job stays on it at most <see cref="UpstreamDefinition.UnconfirmedSubmitWait"/>
/// after its first possible send, then moves; that is the one case where a task the upstream did accept goes unused.</item>
/// </list>
/// </summary>
public sealed partial class SubmitFailover(UpstreamRouter router, IJobStore store, TimeProvider time, ILogger<SubmitFailover> logger)
{
    /// <summary>What the step knows about earlier sends of this job to <c>engine</c>.</summary>
    /// <param name="EarlierSendPossible">A step before this one may have sent the submit (the job was found mid-submit and the lookup did not rule it out).</param>
    /// <param name="LookupFailed">This step already asked the upstream and got no answer; <c>failure</c> is that answer.</param>
    public readonly record struct History(bool EarlierSendPossible, bool LookupFailed);

    /// <summary>Move to <see cref="MoveTo"/>; or track <see cref="Found"/>; or stay, deciding again no later than <see cref="DecideBy"/>.</summary>
    public sealed record Decision(string? MoveTo, string? Reason, EngineOutcome? Found, DateTimeOffset? DecideBy);

    public async Task<Decision> DecideAsync(VideoJob job, IVideoEngine engine, EngineContext context, EngineOutcome failure, History history)
    {
        var next = router.NextAfter(engine.Name, job.Request);
        if (next is null || next == engine.Name) return new Decision(null, null, null, null);
        var reason = $"{failure.ErrorCode}: {failure.ErrorMessage}";
        if (!engine.IsUpstream) return new Decision(next, reason, null, null);
        if (failure.NothingSent && !history.EarlierSendPossible)
            return new Decision(next, reason + " (nothing reached it)", null, null);

        var found = history.LookupFailed ? failure : await LookUpAsync(engine, context with { Job = job });
        if (found is null) return new Decision(next, reason, null, null);
        if (found is not { Kind: EngineOutcomeKind.Failed, Retryable: true }) return new Decision(null, null, found, null);

        var wait = router.Find(engine.Name)?.Definition.UnconfirmedSubmitWait ?? TimeSpan.Zero;
        var decideBy = await FirstPossibleSendAsync(job, engine.Name) + wait;
        if (time.GetUtcNow() < decideBy) return new Decision(null, null, null, decideBy);
        LogUnconfirmedMove(logger, job.Id, engine.Name, next, wait.TotalSeconds);
        return new Decision(next,
            $"{reason}; '{engine.Name}' could not tell within {wait.TotalSeconds:0.###} s whether it had accepted the job, so it moves on " +
            "(should it have accepted it, that task is not used)", null, null);
    }

    private static async Task<EngineOutcome?> LookUpAsync(IVideoEngine engine, EngineContext context)
    {
        try
        {
            return await engine.FindSubmittedAsync(context, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, ex.Message, retryable: true);
        }
    }

    /// <summary>The intent to submit to <paramref name="engine"/> is written right before its first send.</summary>
    private async Task<DateTimeOffset> FirstPossibleSendAsync(VideoJob job, string engine)
    {
        var events = await store.GetEventsAsync(job.Id, 0, CancellationToken.None);
        return events.LastOrDefault(e => e.Type == JobEventTypes.Submitting && e.Detail == engine)?.At ?? job.StartedAt ?? job.CreatedAt;
    }

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Job {JobId}: upstream {Upstream} could not confirm or deny its submit for {Seconds} s; moving it to {Next}")]
    private static partial void LogUnconfirmedMove(ILogger logger, string jobId, string upstream, string next, double seconds);
}
