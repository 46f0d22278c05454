using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Scheduling;

/// <summary>
/// Admits a job to its upstream before the first submit: writes the intent (and the start) before the upstream call, so
/// a crash in between is recovered by lookup; the intent is what makes the job count against the upstream's concurrency
/// limit, so it is written inside the router's admission. An upstream at its limit holds the job, still queued.
/// </summary>
public sealed class SubmitAdmission(UpstreamRouter router, JobTransitions transitions, StepWriter writer, TimeProvider time)
{
    /// <summary>True when the intent is written and the step may submit; false when the job was held or the step lost its lease.</summary>
    internal async Task<bool> AdmitAsync(StepState step, string engine, string fence, CancellationToken ct)
    {
        var intentWritten = false;
        var admitted = await router.TryAdmitAsync(engine, async () =>
        {
            var at = time.GetUtcNow();
            var intent = step.Current.Status == JobStatus.Queued
                ? Then(transitions.Start(step.Current, at), job => transitions.SubmitIntent(job, at))
                : transitions.SubmitIntent(step.Current, at);
            intentWritten = await writer.CommitAsync(step, intent, fence, CancellationToken.None) is not null;
        }, ct);
        if (admitted) return intentWritten;
        var now = time.GetUtcNow();
        await writer.CommitAsync(step, transitions.Hold(step.Current, now + TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(1000)), now), fence, CancellationToken.None);
        return false;
    }

    private static JobTransition Then(JobTransition first, Func<VideoJob, JobTransition> second) => JobTransitions.Combine(first, second(first.Job));
}
