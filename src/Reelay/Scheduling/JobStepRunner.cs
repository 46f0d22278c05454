using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Media;
using Reelay.Storage;
using Reelay.Upstreams;

namespace Reelay.Scheduling;

/// <summary>
/// Runs one engine step of one claimed job while holding its lease: renews the lease, enforces the job
/// deadline, persists the outcome (fenced by the lease token) before anything else happens, and gives the
/// lease back on shutdown. Guarantees: a step whose lease was lost (canceled, expired and re-claimed)
/// writes nothing; a crash at any point leaves the job due again once its lease expires.
/// </summary>
public sealed partial class JobStepRunner(
    IJobStore store,
    EngineRegistry engines,
    ResultIngestor ingestor,
    JobTransitions transitions,
    JobWriter writer,
    JobLeftovers leftovers,
    JobChangeNotifier notifier,
    UpstreamRouter router,
    SubmitFailover failover,
    UpstreamHints hints,
    TimeProvider time,
    IOptions<ReelayOptions> options,
    ILogger<JobStepRunner> logger)
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RenewSlice = TimeSpan.FromSeconds(1);
    private readonly SchedulerOptions _options = options.Value.Scheduler;
    private readonly string _workRoot = Path.Combine(Path.GetFullPath(options.Value.DataDir), "work");

    public async Task RunAsync(VideoJob claimed, CancellationToken stopping)
    {
        var fence = claimed.LeaseToken ?? throw new ArgumentException("job is not leased", nameof(claimed));
        var step = new StepState(claimed);
        var now = time.GetUtcNow();

        if (now >= claimed.DeadlineAt)
        {
            var lastError = (await store.GetEventsAsync(claimed.Id, 0, CancellationToken.None)).LastOrDefault(e => e.Type == JobEventTypes.Retrying)?.Detail;
            var message = DeadlineMessage(claimed) + (lastError is null ? "" : $"; last error: {lastError}");
            await CommitAsync(step, transitions.Fail(claimed, JobErrorCodes.DeadlineExceeded, message, now), fence, CancellationToken.None);
            Cleanup(claimed.Id);
            return;
        }
        var engine = engines.Find(claimed.Engine);
        if (engine is null)
        {
            await CommitAsync(step, transitions.Fail(claimed, JobErrorCodes.EngineUnavailable, $"engine '{claimed.Engine}' is not available", now), fence, CancellationToken.None);
            return;
        }

        using var deadlineCts = new CancellationTokenSource(claimed.DeadlineAt - now, time);
        using var leaseLostCts = new CancellationTokenSource();
        using var stepCts = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadlineCts.Token, leaseLostCts.Token);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewLeaseAsync(step, fence, leaseLostCts, renewalStop.Token);
        try
        {
            var deferStart = claimed.Status == JobStatus.Queued && engine.CompletesInstantly;
            var recovering = claimed.Stage == JobStage.Submitting;
            if (engine.IsUpstream && claimed.Stage == JobStage.Submit)
            {
                // Persist the intent (and the start) before the upstream call, so a crash in between is recovered by lookup;
                // the intent is what makes the job count against the upstream's limit, so it is written inside the admission.
                var intentWritten = false;
                var admitted = await router.TryAdmitAsync(engine.Name, async () =>
                {
                    var at2 = time.GetUtcNow();
                    var intent = step.Current.Status == JobStatus.Queued
                        ? Then(transitions.Start(step.Current, at2), job => transitions.SubmitIntent(job, at2))
                        : transitions.SubmitIntent(step.Current, at2);
                    intentWritten = await CommitAsync(step, intent, fence, CancellationToken.None) is not null;
                }, stepCts.Token);
                if (!admitted)
                {
                    // Hold the job (still queued) while its upstream is at its concurrency limit.
                    var at = time.GetUtcNow();
                    await CommitAsync(step, transitions.Hold(step.Current, at + TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(1000)), at), fence, CancellationToken.None);
                    return;
                }
                if (!intentWritten) return;
            }
            else if (claimed.Status == JobStatus.Queued && !deferStart)
            {
                if (await CommitAsync(step, transitions.Start(step.Current, time.GetUtcNow()), fence, CancellationToken.None) is null) return;
            }

            var workDir = Path.Combine(_workRoot, claimed.Id);
            Directory.CreateDirectory(workDir);
            var progress = new StepProgress(this, step, fence, stepCts.Token);
            var context = new EngineContext(step.Current, workDir, progress);
            EngineOutcome outcome;
            var history = new SubmitFailover.History(EarlierSendPossible: recovering, LookupFailed: false);
            try
            {
                if (step.Current.Stage == JobStage.Submitting && recovering)
                {
                    // After a crash (or an unanswered submit) between intent and acknowledgement: ask the upstream before submitting again.
                    var found = await engine.FindSubmittedAsync(context, stepCts.Token);
                    history = found is null ? history with { EarlierSendPossible = false } : history with { LookupFailed = found.Kind == EngineOutcomeKind.Failed };
                    outcome = found ?? await engine.SubmitAsync(context, stepCts.Token);
                }
                else
                {
                    outcome = step.Current.Stage is JobStage.Submit or JobStage.Submitting
                        ? await engine.SubmitAsync(context, stepCts.Token)
                        : await engine.PollAsync(context, stepCts.Token);
                }
                if (outcome.Kind == EngineOutcomeKind.Produced)
                {
                    var (outputs, refetchFailure) = await IngestAsync(engine, context, outcome.Result!, workDir, stepCts.Token);
                    if (outputs is null)
                    {
                        await progress.DrainAsync();
                        await ApplyAsync(step, refetchFailure!, fence);
                        return;
                    }
                    await progress.DrainAsync();
                    var doneAt = time.GetUtcNow();
                    JobTransition success;
                    if (deferStart)
                    {
                        var start = transitions.Start(step.Current, doneAt);
                        success = JobTransitions.Combine(start, transitions.Succeed(start.Job, outputs, doneAt));
                    }
                    else
                    {
                        success = transitions.Succeed(step.Current, outputs, doneAt);
                    }
                    if (await CommitAsync(step, success, fence, CancellationToken.None) is null)
                    {
                        // Overtaken (canceled while ingesting): the files just stored belong to nobody now.
                        await RemoveLeftoversAsync(claimed.Id);
                        return;
                    }
                    Cleanup(claimed.Id);
                    return;
                }
            }
            catch (OperationCanceledException) when (stepCts.IsCancellationRequested)
            {
                await progress.DrainAsync();
                await OnInterruptedAsync(step, fence, stopping, deadlineCts, leaseLostCts);
                return;
            }
            catch (IngestException ex) when (ex.Permanent)
            {
                outcome = EngineOutcome.Failed(JobErrorCodes.IngestFailed, ex.Message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogStepError(logger, claimed.Id, ex);
                outcome = EngineOutcome.Failed(JobErrorCodes.EngineFailed, ex.Message, retryable: true);
            }

            await progress.DrainAsync();
            DateTimeOffset? retryBy = null;
            if (outcome is { Kind: EngineOutcomeKind.Failed, Retryable: true } && step.Current.Stage is JobStage.Submit or JobStage.Submitting)
            {
                var decision = await failover.DecideAsync(step.Current, engine, context, outcome, history);
                if (decision.MoveTo is { } next)
                {
                    await CommitAsync(step, transitions.Failover(step.Current, next, decision.Reason!, time.GetUtcNow()), fence, CancellationToken.None);
                    return;
                }
                // Accepted after all: track it (a finished one is picked up by the next poll, which ingests).
                if (decision.Found is { } found)
                    outcome = found.Kind == EngineOutcomeKind.Produced ? EngineOutcome.Running(99, TimeSpan.FromMilliseconds(100)) : found;
                retryBy = decision.DecideBy;
            }
            await ApplyAsync(step, outcome, fence, retryBy);
        }
        finally
        {
            await renewalStop.CancelAsync();
            await renewal;
            hints.TryTake(claimed.Id); // a hint outlives no step: the next claim polls anyway
        }
    }

    /// <summary>
    /// Stores the result. Upstream result URLs expire: when the download is refused as expired or missing, the
    /// upstream is asked again (an authoritative query, like any poll) and a fresh URL it offers is ingested instead.
    /// If it still offers only the dead URL the job fails with <see cref="UpstreamErrorCodes.ResultExpired"/>; if the
    /// query itself fails or is deferred, the job stays in polling and the next poll tries again.
    /// </summary>
    private async Task<(JobOutputs? Outputs, EngineOutcome? Failure)> IngestAsync(IVideoEngine engine, EngineContext context, ResultSource result,
        string workDir, CancellationToken ct)
    {
        try
        {
            return (await ingestor.IngestAsync(context.Job.Id, result, workDir, ct), null);
        }
        catch (IngestException ex) when (ex.SourceGone && result.RemoteUrl is not null && engine.IsUpstream)
        {
            LogResultGone(logger, context.Job.Id, ex.Message);
            var again = await engine.PollAsync(context, ct);
            if (again.Kind != EngineOutcomeKind.Produced)
                return (null, again.Kind == EngineOutcomeKind.Failed ? again
                    : EngineOutcome.Failed(UpstreamErrorCodes.Unavailable, $"{ex.Message}; asking the upstream for a fresh URL did not answer yet", retryable: true));
            if (again.Result?.RemoteUrl is { } fresh && fresh != result.RemoteUrl)
                return (await ingestor.IngestAsync(context.Job.Id, again.Result, workDir, ct), null);
            return (null, EngineOutcome.Failed(UpstreamErrorCodes.ResultExpired,
                $"the upstream's result URL can no longer be downloaded ({ex.Message}) and the upstream offers no fresh one"));
        }
    }

    private static JobTransition Then(JobTransition first, Func<VideoJob, JobTransition> second) => JobTransitions.Combine(first, second(first.Job));

    /// <param name="retryBy">For a retryable failure: retry no later than this (a decision that falls due then).</param>
    private async Task ApplyAsync(StepState step, EngineOutcome outcome, string fence, DateTimeOffset? retryBy = null)
    {
        var now = time.GetUtcNow();
        var job = step.Current;
        var transition = outcome.Kind switch
        {
            EngineOutcomeKind.Submitted => transitions.Submitted(job, outcome.UpstreamRef ?? "", now + Clamp(outcome.RetryAfter), now),
            // A callback that came while this step held the lease asks for the next poll now.
            EngineOutcomeKind.Running => transitions.PollLater(job, outcome.Progress, hints.TryTake(job.Id) ? UpstreamHints.HurriedDueAt(job) : now + Clamp(outcome.RetryAfter), now),
            // A retryable failure is retried until the deadline, never turned final early: the last try is at the
            // deadline itself, where the job fails with deadline_exceeded naming the last error.
            EngineOutcomeKind.Failed when outcome.Retryable =>
                transitions.Retry(job, $"{outcome.ErrorCode}: {outcome.ErrorMessage}", Min(Min(now + Backoff(job, outcome.RetryAfter), retryBy ?? job.DeadlineAt), job.DeadlineAt), now),
            EngineOutcomeKind.Failed => transitions.Fail(job, outcome.ErrorCode ?? JobErrorCodes.EngineFailed, outcome.ErrorMessage ?? "engine failed", now),
            _ => transitions.Fail(job, JobErrorCodes.EngineFailed, $"unexpected engine outcome {outcome.Kind}", now),
        };
        await CommitAsync(step, transition, fence, CancellationToken.None);
        if (transition.Job.Status.IsTerminal()) Cleanup(job.Id);
    }

    private async Task OnInterruptedAsync(StepState step, string fence, CancellationToken stopping, CancellationTokenSource deadline, CancellationTokenSource leaseLost)
    {
        var now = time.GetUtcNow();
        if (leaseLost.IsCancellationRequested)
        {
            // Canceled by a user, or the lease expired and another node owns the job now: write nothing.
            LogLeaseLost(logger, step.Current.Id);
            var current = await store.GetAsync(step.Current.Id, CancellationToken.None);
            if (current is null || current.Status.IsTerminal()) Cleanup(step.Current.Id);
            // Files this step stored after the cancel's own clean-up ran.
            if (current is not null) await leftovers.RemoveIfUnsuccessfulAsync(current);
        }
        else if (deadline.IsCancellationRequested)
        {
            await CommitAsync(step, transitions.Fail(step.Current, JobErrorCodes.DeadlineExceeded, DeadlineMessage(step.Current), now), fence, CancellationToken.None);
            Cleanup(step.Current.Id);
        }
        else if (stopping.IsCancellationRequested)
        {
            // Graceful shutdown: give the job back so another node (or our restart) continues at once.
            var released = step.Current with { LeaseOwner = null, LeaseToken = null, LeaseUntil = null, NextRunAt = now, UpdatedAt = now };
            await CommitAsync(step, new JobTransition(released, [], []), fence, CancellationToken.None);
        }
    }

    /// <summary>
    /// Keeps the lease alive (renewing at a third of its duration) and watches for the job being taken away:
    /// a local cancel wakes this loop at once through the notifier; a cancel on another node, or a re-claim,
    /// shows as a failed renewal. Either way the step is canceled and writes nothing more.
    /// </summary>
    private async Task RenewLeaseAsync(StepState step, string fence, CancellationTokenSource leaseLost, CancellationToken stop)
    {
        var jobId = step.Current.Id;
        var every = _options.LeaseDuration / 3;
        var renewAt = time.GetUtcNow() + every;
        try
        {
            while (true)
            {
                // Wait in slices of at most a second, so a renewal is never late by more than that even if the clock
                // moved while this loop was between waits.
                var wait = renewAt - time.GetUtcNow();
                var notified = false;
                if (wait > TimeSpan.Zero) notified = await notifier.WaitAsync(jobId, wait < RenewSlice ? wait : RenewSlice, time, stop);
                stop.ThrowIfCancellationRequested();
                bool held;
                if (!notified && time.GetUtcNow() < renewAt) continue;
                if (time.GetUtcNow() >= renewAt)
                {
                    var until = time.GetUtcNow() + _options.LeaseDuration;
                    await step.Lock.WaitAsync(stop);
                    try
                    {
                        held = await store.RenewLeaseAsync(jobId, fence, until, stop);
                        if (held) step.LeaseUntil = until;
                    }
                    finally
                    {
                        step.Lock.Release();
                    }
                    renewAt = time.GetUtcNow() + every;
                }
                else
                {
                    // Woken early: something changed the job. Our own progress writes keep the token; a cancel clears it.
                    var current = await store.GetAsync(jobId, stop);
                    held = current is not null && !current.Status.IsTerminal() && current.LeaseToken == fence;
                }
                if (!held)
                {
                    await leaseLost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The store is unreachable: keep working; if the lease really expires the fenced writes will fail.
            LogRenewFailed(logger, jobId, ex);
        }
    }

    /// <summary>Writes under the step's lock so progress writes and the step's own writes never race on the version.</summary>
    internal async Task<VideoJob?> CommitAsync(StepState step, JobTransition transition, string fence, CancellationToken ct)
    {
        await step.Lock.WaitAsync(CancellationToken.None);
        try
        {
            // Re-base on the latest version: the transition was computed from a snapshot that progress writes may have advanced.
            var job = transition.Job with { Version = step.Current.Version };
            if (job.LeaseToken is not null) job = job with { LeaseUntil = step.LeaseUntil };
            var rebased = transition with { Job = job };
            var stored = await writer.CommitAsync(rebased, fence, ct);
            if (stored is not null) step.Current = stored;
            else LogWriteLost(logger, step.Current.Id);
            return stored;
        }
        finally
        {
            step.Lock.Release();
        }
    }

    internal JobTransition ProgressTransition(VideoJob job, int progress, bool notify) =>
        transitions.Progress(job, progress, time.GetUtcNow(), notify);

    internal TimeProvider Time => time;

    internal static TimeSpan ProgressInterval => ProgressWriteInterval;

    private TimeSpan Backoff(VideoJob job, TimeSpan hint)
    {
        var exp = _options.RetryDelay * Math.Pow(2, Math.Clamp(job.Attempts - 1, 0, 10));
        var delay = exp > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : exp;
        return hint > delay ? hint : delay;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan t) =>
        t < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : t > TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(5) : t;

    private static string DeadlineMessage(VideoJob job) =>
        $"the job did not finish within its deadline ({(job.DeadlineAt - job.CreatedAt).TotalMinutes:0.#} min after creation)";

    private async Task RemoveLeftoversAsync(string jobId)
    {
        if (await store.GetAsync(jobId, CancellationToken.None) is { } current) await leftovers.RemoveIfUnsuccessfulAsync(current);
    }

    private void Cleanup(string jobId)
    {
        try
        {
            var dir = Path.Combine(_workRoot, jobId);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the directory is reused or removed by a later run.
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Engine step of job {JobId} failed; will retry")]
    private static partial void LogStepError(ILogger logger, string jobId, Exception ex);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Lease of job {JobId} lost (canceled or re-claimed); step abandoned")]
    private static partial void LogLeaseLost(ILogger logger, string jobId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Renewing the lease of job {JobId} failed")]
    private static partial void LogRenewFailed(ILogger logger, string jobId, Exception ex);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "Result URL of job {JobId} is gone ({Reason}); asking the upstream for a fresh one")]
    private static partial void LogResultGone(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "A write for job {JobId} lost its compare-and-set (canceled or re-claimed)")]
    private static partial void LogWriteLost(ILogger logger, string jobId);
}
