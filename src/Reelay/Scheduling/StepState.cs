using Reelay.Jobs;

namespace Reelay.Scheduling;

/// <summary>The latest stored version of the job a step works on, shared by the step and its progress writer.</summary>
internal sealed class StepState(VideoJob initial)
{
    public VideoJob Current { get; set; } = initial;

    /// <summary>
    /// The lease expiry as last renewed. Job writes carry every column, so a write must carry this value,
    /// or it would shorten the lease back to what it was at claim time.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; } = initial.LeaseUntil;
    public SemaphoreSlim Lock { get; } = new(1, 1);
}
