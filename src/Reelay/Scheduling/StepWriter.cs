using Microsoft.Extensions.Logging;
using Reelay.Jobs;

namespace Reelay.Scheduling;

/// <summary>
/// The one way an engine step writes its job: under the step's lock, so progress writes and the step's own writes never
/// race on the version, re-based on the latest stored version, carrying the renewed lease expiry, and fenced by the
/// step's lease token (a step that lost its lease writes nothing).
/// </summary>
public sealed partial class StepWriter(JobWriter writer, JobTransitions transitions, TimeProvider time, ILogger<StepWriter> logger)
{
    private static readonly TimeSpan ProgressWriteInterval = TimeSpan.FromSeconds(1);

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

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "A write for job {JobId} lost its compare-and-set (canceled or re-claimed)")]
    private static partial void LogWriteLost(ILogger logger, string jobId);
}
