using Reelay.Jobs;

namespace Reelay.Scheduling;

/// <summary>The latest stored version of the job a step works on, shared by the step and its progress writer.</summary>
internal sealed class StepState(VideoJob initial)
{
    public VideoJob Current { get; set; } = initial;
    public SemaphoreSlim Lock { get; } = new(1, 1);
}
