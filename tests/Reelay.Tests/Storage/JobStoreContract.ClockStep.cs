using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Tests.Storage;

/// <summary>After the wall clock stepped back, scheduled work that now lies too far ahead is moved back by the step.</summary>
public abstract partial class JobStoreContract
{
    [Fact]
    public async Task ShiftScheduleAsync_ClockSteppedBack_MovesOnlyFutureStepsOfUnfinishedJobs()
    {
        var step = TimeSpan.FromMinutes(-20);
        var ahead = await CreatedAsync(NewJob() with { NextRunAt = T0.AddMinutes(20).AddSeconds(3) });
        var due = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(-1) });
        var finished = await CreatedAsync(NewJob() with
        {
            Status = JobStatus.Succeeded, Stage = JobStage.Done, NextRunAt = T0.AddMinutes(20), CompletedAt = T0,
        });

        var moved = await Jobs.ShiftScheduleAsync(T0, step, Ct);

        Assert.Equal(1, moved);
        var shifted = await GetRequiredAsync(ahead.Id);
        Assert.Equal(T0.AddSeconds(3), shifted.NextRunAt);
        Assert.Equal(ahead.Version, shifted.Version); // not a change of the job: a step holding it still commits
        Assert.Equal(T0.AddSeconds(-1), (await GetRequiredAsync(due.Id)).NextRunAt);
        Assert.Equal(T0.AddMinutes(20), (await GetRequiredAsync(finished.Id)).NextRunAt);
        Assert.DoesNotContain(await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(2), Lease, 10, Ct), j => j.Id == ahead.Id);
        Assert.Contains(await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(3), Lease, 10, Ct), j => j.Id == ahead.Id);
    }

    [Fact]
    public async Task OutboxShiftScheduleAsync_ClockSteppedBack_MovesOnlyFuturePendingAttempts()
    {
        var job = await CreatedAsync(NewJob());
        var retry = NewMessage(job, at: T0.AddMinutes(20).AddSeconds(5));
        var due = NewMessage(job, at: T0);
        await AddMessagesAsync(job, retry, due);

        var moved = await Outbox.ShiftScheduleAsync(T0, TimeSpan.FromMinutes(-20), Ct);

        Assert.Equal(1, moved);
        var messages = (await Outbox.GetMessagesAsync(job.Id, Ct)).ToDictionary(e => e.Message.Id);
        Assert.Equal(T0.AddSeconds(5), messages[retry.Id].NextAttemptAt);
        Assert.Equal(T0, messages[due.Id].NextAttemptAt);
    }
}
