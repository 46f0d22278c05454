using Reelay.Jobs;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task CountInFlightAsync_OnlyNonTerminalJobsPastSubmitOfThatEngine_Counted()
    {
        async Task AddAsync(string engine, JobStatus status, JobStage stage)
        {
            var job = await CreatedAsync(NewJob() with { Engine = engine });
            if (status == JobStatus.Queued && stage == JobStage.Submit) return;
            Assert.NotNull(await Jobs.TryUpdateAsync(job with { Status = status, Stage = stage, NextRunAt = status.IsTerminal() ? null : job.NextRunAt }, null, [], [], Ct));
        }

        await AddAsync("kling-a", JobStatus.Queued, JobStage.Submit);        // not yet sent: not counted
        await AddAsync("kling-a", JobStatus.Running, JobStage.Submitting);   // counted
        await AddAsync("kling-a", JobStatus.Running, JobStage.Poll);         // counted
        await AddAsync("kling-a", JobStatus.Running, JobStage.Ingest);       // counted
        await AddAsync("kling-a", JobStatus.Succeeded, JobStage.Done);       // finished: not counted
        await AddAsync("kling-b", JobStatus.Running, JobStage.Poll);         // other engine

        Assert.Equal(3, await Jobs.CountInFlightAsync("kling-a", Ct));
        Assert.Equal(1, await Jobs.CountInFlightAsync("kling-b", Ct));
        Assert.Equal(0, await Jobs.CountInFlightAsync("nobody", Ct));
    }
}
