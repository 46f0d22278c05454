using Microsoft.Extensions.DependencyInjection;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Tests.Scheduling;

namespace Reelay.Tests.Jobs;

/// <summary>No job step is scheduled past <see cref="ScheduleHorizon.Jobs"/>: the stores take anything further ahead for a clock that stepped back.</summary>
public sealed class JobTransitionsScheduleTests
{
    [Fact]
    public async Task PollLaterRetryHold_TimeBeyondTheHorizon_ClampedToIt()
    {
        await using var world = new SchedulerWorld(new ScriptedEngine((step, _, _) => throw new InvalidOperationException(step)));
        var job = await world.CreateAsync();
        var transitions = world.Services.GetRequiredService<JobTransitions>();
        var now = world.Time.GetUtcNow();
        var far = now.AddHours(6);

        Assert.Equal(now + ScheduleHorizon.Jobs, transitions.PollLater(job, 10, far, now).Job.NextRunAt);
        Assert.Equal(now + ScheduleHorizon.Jobs, transitions.Retry(job, "busy", far, now).Job.NextRunAt);
        Assert.Equal(now + ScheduleHorizon.Jobs, transitions.Hold(job, far, now).Job.NextRunAt);
        Assert.Equal(now + ScheduleHorizon.Jobs, transitions.Submitted(job, "task-1", far, now).Job.NextRunAt);
        Assert.Equal(now.AddMinutes(5), transitions.PollLater(job, 10, now.AddMinutes(5), now).Job.NextRunAt);
    }
}
