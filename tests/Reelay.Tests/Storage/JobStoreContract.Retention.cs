using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    private static readonly VideoOutput SomeOutput = new("jobs/x/raw.mp4", "video/mp4", 10, 5, 1280, 720, "h264");

    /// <summary>Creates a job and moves it to <paramref name="status"/> at <paramref name="completedAt"/>, with or without outputs.</summary>
    private async Task<VideoJob> FinishedAsync(DateTimeOffset completedAt, JobStatus status = JobStatus.Succeeded, bool withOutputs = true)
    {
        var job = await CreatedAsync(NewJob());
        var done = job with
        {
            Status = status,
            Progress = 100,
            CompletedAt = completedAt,
            UpdatedAt = completedAt,
            NextRunAt = null,
            Outputs = withOutputs ? new JobOutputs(SomeOutput, SomeOutput, SomeOutput) : null,
        };
        return await Jobs.TryUpdateAsync(done, null, [], [], Ct) ?? throw new Xunit.Sdk.XunitException("update lost");
    }

    [Fact]
    public async Task ListCompletedBefore_MixedJobs_ReturnsOnlyOldTerminalJobsOldestFirst()
    {
        var newer = await FinishedAsync(T0.AddDays(-10));
        var oldest = await FinishedAsync(T0.AddDays(-40), JobStatus.Failed, withOutputs: false);
        var old = await FinishedAsync(T0.AddDays(-35));
        var recent = await FinishedAsync(T0.AddDays(-1));
        await CreatedAsync(NewJob()); // queued: never listed

        var listed = await Retention.ListCompletedBeforeAsync(T0.AddDays(-5), withOutputsOnly: false, 10, Ct);
        Assert.Equal([oldest.Id, old.Id, newer.Id], listed.Select(j => j.Id));

        var withOutputs = await Retention.ListCompletedBeforeAsync(T0.AddDays(-5), withOutputsOnly: true, 10, Ct);
        Assert.Equal([old.Id, newer.Id], withOutputs.Select(j => j.Id));

        var limited = await Retention.ListCompletedBeforeAsync(T0, withOutputsOnly: false, 2, Ct);
        Assert.Equal([oldest.Id, old.Id], limited.Select(j => j.Id));
        Assert.DoesNotContain(recent.Id, (await Retention.ListCompletedBeforeAsync(T0.AddDays(-2), false, 10, Ct)).Select(j => j.Id));
    }

    [Fact]
    public async Task DeleteTerminal_JobWithEventsAndWebhooks_RemovesEverything()
    {
        var job = await FinishedAsync(T0.AddDays(-100));
        var message = NewMessage(job, WebhookEvents.Completed);
        job = await AddMessagesAsync(job, message);
        var claimed = await Outbox.ClaimDueAsync("node-a", T0, Lease, 10, Ct);
        Assert.Single(claimed);
        Assert.True(await Outbox.CompleteAttemptAsync(message.Id, "node-a",
            new DeliveryAttempt(message.Id, job.Id, 1, T0, 200, null, 5, "ok"), OutboxState.Delivered, null, Ct));
        var other = await FinishedAsync(T0.AddDays(-100));

        Assert.True(await Retention.DeleteTerminalAsync(job.Id, Ct));

        Assert.Null(await Jobs.GetAsync(job.Id, Ct));
        Assert.Empty(await Jobs.GetEventsAsync(job.Id, 0, Ct));
        Assert.Empty(await Outbox.GetMessagesAsync(job.Id, Ct));
        Assert.Empty(await Outbox.GetAttemptsAsync(job.Id, Ct));
        Assert.NotNull(await Jobs.GetAsync(other.Id, Ct));
        Assert.NotEmpty(await Jobs.GetEventsAsync(other.Id, 0, Ct));
        Assert.False(await Retention.DeleteTerminalAsync(job.Id, Ct));
    }

    [Fact]
    public async Task DeleteTerminal_LiveJob_RefusedAndKept()
    {
        var queued = await CreatedAsync(NewJob());

        Assert.False(await Retention.DeleteTerminalAsync(queued.Id, Ct));
        Assert.NotNull(await Jobs.GetAsync(queued.Id, Ct));
    }

    [Fact]
    public async Task TryAcquireTaskLease_HeldByAnotherOwner_OnlyAfterExpiry()
    {
        var otherNode = Open();

        Assert.True(await Retention.TryAcquireTaskLeaseAsync("retention", "node-a", T0, Lease, Ct));
        Assert.False(await otherNode.Retention.TryAcquireTaskLeaseAsync("retention", "node-b", T0.AddSeconds(10), Lease, Ct));
        Assert.True(await Retention.TryAcquireTaskLeaseAsync("retention", "node-a", T0.AddSeconds(20), Lease, Ct));
        // node-a renewed until T0+50 s: still held at T0+40 s, free after.
        Assert.False(await otherNode.Retention.TryAcquireTaskLeaseAsync("retention", "node-b", T0.AddSeconds(40), Lease, Ct));
        Assert.True(await otherNode.Retention.TryAcquireTaskLeaseAsync("retention", "node-b", T0.AddSeconds(51), Lease, Ct));
        Assert.False(await Retention.TryAcquireTaskLeaseAsync("retention", "node-a", T0.AddSeconds(52), Lease, Ct));
        Assert.True(await Retention.TryAcquireTaskLeaseAsync("other-task", "node-a", T0.AddSeconds(52), Lease, Ct));
    }
}
