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
    JobTransitions transitions,
    StepWriter writer,
    StepLeaseKeeper leases,
    StepIngest ingest,
    JobLeftovers leftovers,
    SubmitAdmission admission,
    SubmitFailover failover,
    UpstreamHints hints,
    TimeProvider time,
    IOptions<ReelayOptions> options,
    ILogger<JobStepRunner> logger)
{
    private readonly SchedulerOptions _options = options.Value.Scheduler;
    private readonly string _workRoot = WorkDirectories.Root(options.Value);

    public async Task RunAsync(VideoJob claimed, CancellationToken stopping)
    {
        var fence = claimed.LeaseToken ?? throw new ArgumentException("job is not leased", nameof(claimed));
        var step = new StepState(claimed);
        var now = time.GetUtcNow();

        if (now >= claimed.DeadlineAt)
        {
            var lastError = (await store.GetEventsAsync(claimed.Id, 0, CancellationToken.None)).LastOrDefault(e => e.Type == JobEventTypes.Retrying)?.Detail;
            var message = DeadlineMessage(claimed) + (lastError is null ? "" : $"; last error: {lastError}");
            await writer.CommitAsync(step, transitions.Fail(claimed, JobErrorCodes.DeadlineExceeded, message, now), fence, CancellationToken.None);
            Cleanup(claimed.Id);
            return;
        }
        var engine = engines.Find(claimed.Engine);
        if (engine is null)
        {
            await writer.CommitAsync(step, transitions.Fail(claimed, JobErrorCodes.EngineUnavailable, $"engine '{claimed.Engine}' is not available", now), fence, CancellationToken.None);
            return;
        }

        using var deadlineCts = new CancellationTokenSource(claimed.DeadlineAt - now, time);
        using var leaseLostCts = new CancellationTokenSource();
        using var stepCts = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadlineCts.Token, leaseLostCts.Token);
        using var renewalStop = new CancellationTokenSource();
        var renewal = leases.KeepAsync(step, fence, leaseLostCts, renewalStop.Token);
        try
        {
            var deferStart = claimed.Status == JobStatus.Queued && engine.CompletesInstantly;
            var recovering = claimed.Stage == JobStage.Submitting;
            if (engine.IsUpstream && claimed.Stage == JobStage.Submit)
            {
                if (!await admission.AdmitAsync(step, engine.Name, fence, stepCts.Token)) return;
            }
            else if (claimed.Status == JobStatus.Queued && !deferStart)
            {
                if (await writer.CommitAsync(step, transitions.Start(step.Current, time.GetUtcNow()), fence, CancellationToken.None) is null) return;
            }

            var workDir = WorkDirectories.ForJob(_workRoot, claimed.Id);
            Directory.CreateDirectory(workDir);
            var progress = new StepProgress(writer, step, fence, stepCts.Token);
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
                    var (outputs, refetchFailure) = await ingest.IngestAsync(engine, context, outcome.Result!, workDir, stepCts.Token);
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
                    if (await writer.CommitAsync(step, success, fence, CancellationToken.None) is null)
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
                    await writer.CommitAsync(step, transitions.Failover(step.Current, next, decision.Reason!, time.GetUtcNow()), fence, CancellationToken.None);
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
        await writer.CommitAsync(step, transition, fence, CancellationToken.None);
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
            await writer.CommitAsync(step, transitions.Fail(step.Current, JobErrorCodes.DeadlineExceeded, DeadlineMessage(step.Current), now), fence, CancellationToken.None);
            Cleanup(step.Current.Id);
        }
        else if (stopping.IsCancellationRequested)
        {
            // Graceful shutdown: give the job back so another node (or our restart) continues at once.
            var released = step.Current with { LeaseOwner = null, LeaseToken = null, LeaseUntil = null, NextRunAt = now, UpdatedAt = now };
            await writer.CommitAsync(step, new JobTransition(released, [], []), fence, CancellationToken.None);
        }
    }

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
            var dir = WorkDirectories.ForJob(_workRoot, jobId);
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



}
