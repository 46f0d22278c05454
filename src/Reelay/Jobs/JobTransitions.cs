using Reelay.Credits;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Jobs;

/// <summary>
/// The only place job states change. Each method returns the next state with its events and webhooks;
/// callers write it with <see cref="IJobStore.TryUpdateAsync"/>, so a transition and its notifications
/// commit together or not at all. Terminal transitions clear the lease and the schedule, and settle (success) or
/// refund (anything else) the job's reserved credits. No step is scheduled further ahead than
/// <see cref="ScheduleHorizon.Jobs"/>, which lets the stores recognise times left far ahead by a clock that stepped back.
/// </summary>
public sealed class JobTransitions(JobWebhooks webhooks)
{
    public JobTransition Start(VideoJob job, DateTimeOffset now)
    {
        var next = job with { Status = JobStatus.Running, StartedAt = job.StartedAt ?? now, UpdatedAt = now };
        return new(next, [new(JobEventTypes.Started, JobStatus.Running, next.Progress, now)], webhooks.For(next, WebhookEvents.Started, now));
    }

    /// <summary>
    /// Records the intent to submit to an upstream before the call is made: a job found in this stage after a
    /// crash is looked up upstream before anything is submitted again. The lease is kept.
    /// </summary>
    public JobTransition SubmitIntent(VideoJob job, DateTimeOffset now)
    {
        var next = job with { Stage = JobStage.Submitting, UpdatedAt = now };
        return new(next, [new(JobEventTypes.Submitting, next.Status, next.Progress, now, job.Engine)], []);
    }

    /// <summary>The upstream is at its concurrency limit: stay as is (usually queued) and look again at <paramref name="retryAt"/>.</summary>
    public JobTransition Hold(VideoJob job, DateTimeOffset retryAt, DateTimeOffset now) =>
        new(Release(job) with { NextRunAt = ScheduleHorizon.ClampJob(retryAt, now), UpdatedAt = now }, [], []);

    /// <summary>A retryable submit failure on one upstream: move the job to <paramref name="engine"/> and submit at once.</summary>
    public JobTransition Failover(VideoJob job, string engine, string reason, DateTimeOffset now)
    {
        var next = Release(job) with { Engine = engine, Stage = JobStage.Submit, UpstreamRef = null, NextRunAt = now, UpdatedAt = now };
        return new(next, [new(JobEventTypes.Failover, next.Status, next.Progress, now, Truncate($"{job.Engine} → {engine}: {reason}"))], []);
    }

    /// <summary>The engine accepted the work; poll it at <paramref name="pollAt"/>. The lease is released.</summary>
    public JobTransition Submitted(VideoJob job, string upstreamRef, DateTimeOffset pollAt, DateTimeOffset now)
    {
        var next = Release(job) with { UpstreamRef = upstreamRef, Stage = JobStage.Poll, NextRunAt = ScheduleHorizon.ClampJob(pollAt, now), UpdatedAt = now, Attempts = 0 };
        return new(next, [new(JobEventTypes.Submitted, next.Status, next.Progress, now, upstreamRef)], []);
    }

    /// <summary>Progress moved; notifies only when <paramref name="notify"/> (callers throttle).</summary>
    public JobTransition Progress(VideoJob job, int progress, DateTimeOffset now, bool notify)
    {
        var next = job with { Progress = Math.Clamp(progress, 0, 99), UpdatedAt = now };
        return new(next,
            notify ? [new(JobEventTypes.Progress, next.Status, next.Progress, now)] : [],
            notify ? webhooks.For(next, WebhookEvents.Progress, now) : []);
    }

    /// <summary>Still running upstream; look again at <paramref name="pollAt"/>. The lease is released.</summary>
    public JobTransition PollLater(VideoJob job, int progress, DateTimeOffset pollAt, DateTimeOffset now)
    {
        var p = Math.Clamp(Math.Max(progress, job.Progress), 0, 99);
        var next = Release(job) with { Progress = p, Stage = JobStage.Poll, NextRunAt = ScheduleHorizon.ClampJob(pollAt, now), UpdatedAt = now, Attempts = 0 };
        var events = p != job.Progress ? [new NewJobEvent(JobEventTypes.Progress, next.Status, p, now)] : Array.Empty<NewJobEvent>();
        return new(next, events, p != job.Progress ? webhooks.For(next, WebhookEvents.Progress, now) : []);
    }

    /// <summary>A retryable failure; the same stage runs again at <paramref name="retryAt"/>.</summary>
    public JobTransition Retry(VideoJob job, string reason, DateTimeOffset retryAt, DateTimeOffset now)
    {
        var next = Release(job) with { NextRunAt = ScheduleHorizon.ClampJob(retryAt, now), UpdatedAt = now };
        return new(next, [new(JobEventTypes.Retrying, next.Status, next.Progress, now, Truncate(reason))], []);
    }

    public JobTransition Succeed(VideoJob job, JobOutputs outputs, DateTimeOffset now) =>
        Terminal(job with { Outputs = outputs, Progress = 100, Error = null }, JobStatus.Succeeded, JobEventTypes.Succeeded, null, now);

    public JobTransition Fail(VideoJob job, string code, string message, DateTimeOffset now) =>
        Terminal(job, JobStatus.Failed, JobEventTypes.Failed, new JobError(code, Truncate(message)), now);

    public JobTransition Cancel(VideoJob job, DateTimeOffset now) =>
        Terminal(job, JobStatus.Canceled, JobEventTypes.Canceled, new JobError(JobErrorCodes.Canceled, "canceled by request"), now);

    private JobTransition Terminal(VideoJob job, JobStatus status, string eventType, JobError? error, DateTimeOffset now)
    {
        var next = Release(job) with
        {
            Status = status,
            Stage = JobStage.Done,
            Error = error,
            NextRunAt = null,
            CompletedAt = now,
            UpdatedAt = now,
        };
        return new(next, [new(eventType, status, next.Progress, now, error?.Message)], webhooks.For(next, WebhookEvents.Completed, now))
        {
            Ledger = CreditLedger.Closing(next, now),
        };
    }

    /// <summary>Two transitions written as one: the second's state, both events and webhooks in order.</summary>
    public static JobTransition Combine(JobTransition first, JobTransition second) =>
        new(second.Job, [.. first.Events, .. second.Events], [.. first.Webhooks, .. second.Webhooks]) { Ledger = [.. first.Ledger, .. second.Ledger] };

    private static VideoJob Release(VideoJob job) => job with { LeaseOwner = null, LeaseToken = null, LeaseUntil = null };

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
