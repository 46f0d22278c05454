using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task TryUpdateAsync_CurrentVersion_StoresJobWithNextVersion()
    {
        var job = await CreatedAsync(NewJob());
        var changed = job with
        {
            Status = JobStatus.Succeeded,
            Stage = JobStage.Done,
            Progress = 100,
            UpstreamRef = "up-9",
            Credits = 2.25m,
            CompletedAt = T0.AddSeconds(9),
            UpdatedAt = T0.AddSeconds(9),
            NextRunAt = null,
            Request = job.Request with { StartImage = "blob:inputs/x.png" },
        };

        var stored = await Jobs.TryUpdateAsync(changed, null, [], [], Ct);

        Assert.NotNull(stored);
        AssertSameJob(changed with { Version = job.Version + 1 }, stored);
        AssertSameJob(stored, await GetRequiredAsync(job.Id));
    }

    [Fact]
    public async Task TryUpdateAsync_StaleVersion_ReturnsNullAndKeepsWinner()
    {
        var job = await CreatedAsync(NewJob());
        var winner = await Jobs.TryUpdateAsync(job with { Progress = 10 }, null, [], [], Ct);

        var loser = await Jobs.TryUpdateAsync(job with { Progress = 99 }, null, [], [], Ct);

        Assert.Null(loser);
        AssertSameJob(winner!, await GetRequiredAsync(job.Id));
    }

    [Fact]
    public async Task TryUpdateAsync_FenceTokenMismatch_ReturnsNull()
    {
        await CreatedAsync(NewJob());
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));

        var stored = await Jobs.TryUpdateAsync(claimed with { Progress = 50 }, "not-the-token", [], [], Ct);

        Assert.Null(stored);
        Assert.Equal(0, (await GetRequiredAsync(claimed.Id)).Progress);
    }

    [Fact]
    public async Task TryUpdateAsync_FenceTokenMatches_Wins()
    {
        await CreatedAsync(NewJob());
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));

        var stored = await Jobs.TryUpdateAsync(claimed with { Progress = 50 }, claimed.LeaseToken, [], [], Ct);

        Assert.NotNull(stored);
        Assert.Equal(50, stored.Progress);
        Assert.Equal(claimed.Version + 1, stored.Version);
    }

    [Fact]
    public async Task TryUpdateAsync_Winning_CommitsEventsAndOutboxRows()
    {
        var job = await CreatedAsync(NewJob());
        var message = NewMessage(job) with { Headers = new Dictionary<string, string> { ["x-webhook-secret"] = "s" } };

        await Jobs.TryUpdateAsync(
            job with { Status = JobStatus.Running },
            null,
            [new NewJobEvent(JobEventTypes.Started, JobStatus.Running, 0, T0.AddSeconds(1), "engine=local")],
            [message],
            Ct);

        var events = await Jobs.GetEventsAsync(job.Id, 0, Ct);
        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started], events.Select(e => e.Type));
        Assert.Equal("engine=local", events[1].Detail);
        Assert.Equal(T0.AddSeconds(1), events[1].At);
        var entry = Assert.Single(await Outbox.GetMessagesAsync(job.Id, Ct));
        Assert.Equal(message.Id, entry.Message.Id);
        Assert.Equal(message.Payload, entry.Message.Payload);
        Assert.Equal(message.Url, entry.Message.Url);
        Assert.Equal(message.EventType, entry.Message.EventType);
        Assert.Equal(message.CreatedAt, entry.Message.CreatedAt);
        Assert.Equal("s", entry.Message.Headers!["x-webhook-secret"]);
        Assert.Equal(OutboxState.Pending, entry.State);
        Assert.Equal(0, entry.Attempts);
    }

    [Fact]
    public async Task TryUpdateAsync_Losing_WritesNoEventsOrOutboxRows()
    {
        var job = await CreatedAsync(NewJob());
        await Jobs.TryUpdateAsync(job with { Progress = 5 }, null, [], [], Ct);

        var lost = await Jobs.TryUpdateAsync(
            job with { Status = JobStatus.Running },
            null,
            [new NewJobEvent(JobEventTypes.Started, JobStatus.Running, 0, T0)],
            [NewMessage(job)],
            Ct);

        Assert.Null(lost);
        Assert.Single(await Jobs.GetEventsAsync(job.Id, 0, Ct));
        Assert.Empty(await Outbox.GetMessagesAsync(job.Id, Ct));
    }

    [Fact]
    public async Task GetEventsAsync_AfterSequence_ReturnsOnlyLaterEventsInOrder()
    {
        var job = await CreatedAsync(NewJob());
        var other = await CreatedAsync(NewJob());
        var v1 = await Jobs.TryUpdateAsync(job, null,
            [new NewJobEvent(JobEventTypes.Started, JobStatus.Running, 0, T0.AddSeconds(1))], [], Ct);
        await Jobs.TryUpdateAsync(other, null, [new NewJobEvent(JobEventTypes.Started, JobStatus.Running, 0, T0)], [], Ct);
        await Jobs.TryUpdateAsync(v1!, null,
        [
            new NewJobEvent(JobEventTypes.Progress, JobStatus.Running, 40, T0.AddSeconds(2)),
            new NewJobEvent(JobEventTypes.Progress, JobStatus.Running, 80, T0.AddSeconds(3)),
        ], [], Ct);

        var all = await Jobs.GetEventsAsync(job.Id, 0, Ct);
        var later = await Jobs.GetEventsAsync(job.Id, all[1].Sequence, Ct);

        Assert.Equal([JobEventTypes.Created, JobEventTypes.Started, JobEventTypes.Progress, JobEventTypes.Progress], all.Select(e => e.Type));
        Assert.Equal(all.Select(e => e.Sequence).Order(), all.Select(e => e.Sequence));
        Assert.All(all, e => Assert.Equal(job.Id, e.JobId));
        Assert.Equal([40, 80], later.Select(e => e.Progress));
        Assert.Empty(await Jobs.GetEventsAsync(job.Id, all[^1].Sequence, Ct));
    }
}
