using System.Collections.Concurrent;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task ClaimDueAsync_DueJob_LeasesItAndCountsAttempt()
    {
        var job = await CreatedAsync(NewJob());

        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));

        Assert.Equal(job.Id, claimed.Id);
        Assert.Equal("node-1", claimed.LeaseOwner);
        Assert.False(string.IsNullOrEmpty(claimed.LeaseToken));
        Assert.Equal(T0 + Lease, claimed.LeaseUntil);
        Assert.Equal(job.Attempts + 1, claimed.Attempts);
        Assert.Equal(job.Version + 1, claimed.Version);
        AssertSameJob(claimed, await GetRequiredAsync(job.Id));
    }

    [Fact]
    public async Task ClaimDueAsync_BeforeNextRunAt_ClaimsNothingUntilThen()
    {
        await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(10) });

        var early = await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(9.999), Lease, 10, Ct);
        var onTime = await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(10), Lease, 10, Ct);

        Assert.Empty(early);
        Assert.Single(onTime);
    }

    [Fact]
    public async Task ClaimDueAsync_PastDeadlineBeforeNextRun_ClaimsJob()
    {
        var job = await CreatedAsync(NewJob() with { NextRunAt = T0.AddMinutes(30), DeadlineAt = T0.AddSeconds(5) });

        Assert.Empty(await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(4), Lease, 10, Ct));
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(5), Lease, 10, Ct));
        Assert.Equal(job.Id, claimed.Id);
    }

    /// <summary>A next step 3 h ahead cannot have been scheduled (transitions never look past the horizon): the clock stepped back.</summary>
    [Fact]
    public async Task ClaimDueAsync_NextRunBeyondTheScheduleHorizon_ClaimedAsDue()
    {
        var stepped = await CreatedAsync(NewJob() with { NextRunAt = T0.AddHours(3), DeadlineAt = T0.AddHours(4) });
        var planned = await CreatedAsync(NewJob() with { NextRunAt = T0 + ScheduleHorizon.Jobs - TimeSpan.FromSeconds(1), DeadlineAt = T0.AddHours(4) });

        var claimed = await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct);

        Assert.Equal([stepped.Id], claimed.Select(j => j.Id));
        Assert.Null((await GetRequiredAsync(planned.Id)).LeaseOwner);
    }

    [Fact]
    public async Task ClaimDueAsync_DueAndSteppedBeyondTheHorizonMoreThanMax_ClaimsExactlyMaxDueFirst()
    {
        var due = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(-1), DeadlineAt = T0.AddHours(4) });
        var stepped = new List<VideoJob>();
        for (var i = 0; i < 3; i++)
            stepped.Add(await CreatedAsync(NewJob() with { NextRunAt = T0.AddHours(3 + i), DeadlineAt = T0.AddHours(8) }));

        var claimed = await Jobs.ClaimDueAsync("node-1", T0, Lease, 2, Ct);

        Assert.Equal(2, claimed.Count);
        Assert.Contains(claimed, j => j.Id == due.Id);
        Assert.Single(claimed, j => stepped.Any(s => s.Id == j.Id));
    }

    /// <summary>
    /// Regression (faults campaign, clock −3 h): a lease taken just before the clock stepped back looks 3 h long, but its
    /// step may still be running; taking the job would run it twice (two renders writing one work directory).
    /// </summary>
    [Fact]
    public async Task ClaimDueAsync_LeaseFarAheadAfterTheClockSteppedBack_NotTakenFromItsHolder()
    {
        var job = await CreatedAsync(NewJob());
        Assert.Single(await Jobs.ClaimDueAsync("node-1", T0.AddHours(3), Lease, 10, Ct));

        var released = await Jobs.ReleaseExpiredLeasesAsync(T0, Ct);
        var stolen = await Jobs.ClaimDueAsync("node-2", T0, Lease, 10, Ct);

        Assert.Equal(0, released);
        Assert.Empty(stolen);
        Assert.Equal("node-1", (await GetRequiredAsync(job.Id)).LeaseOwner);
    }

    [Theory]
    [InlineData(JobStatus.Succeeded)]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Canceled)]
    public async Task ClaimDueAsync_TerminalJob_NeverClaimed(JobStatus status)
    {
        await CreatedAsync(NewJob() with { Status = status, Stage = JobStage.Done, DeadlineAt = T0 });

        Assert.Empty(await Jobs.ClaimDueAsync("node-1", T0.AddDays(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_LiveLease_NotClaimedByOthers()
    {
        await CreatedAsync(NewJob());
        await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct);

        Assert.Empty(await Jobs.ClaimDueAsync("node-2", T0 + Lease - TimeSpan.FromMilliseconds(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_ExpiredLease_ReclaimedWithNewTokenAndOldTokenLoses()
    {
        await CreatedAsync(NewJob());
        var first = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));
        var later = T0 + Lease + TimeSpan.FromSeconds(1);

        var second = Assert.Single(await Jobs.ClaimDueAsync("node-2", later, Lease, 10, Ct));

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.LeaseToken, second.LeaseToken);
        Assert.Equal("node-2", second.LeaseOwner);
        Assert.Equal(2, second.Attempts);
        Assert.False(await Jobs.RenewLeaseAsync(first.Id, first.LeaseToken!, later + Lease, Ct));
        // Even a writer holding the current version cannot write with the old token.
        Assert.Null(await Jobs.TryUpdateAsync(second with { Progress = 70 }, first.LeaseToken, [], [], Ct));
        Assert.NotNull(await Jobs.TryUpdateAsync(second with { Progress = 70 }, second.LeaseToken, [], [], Ct));
    }

    [Fact]
    public async Task ClaimDueAsync_MoreDueThanMax_ClaimsOldestDueFirst()
    {
        var late = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(3) });
        var early = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(1) });
        var middle = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(2) });

        var claimed = await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(5), Lease, 2, Ct);

        Assert.Equal([early.Id, middle.Id], claimed.Select(j => j.Id));
        Assert.Null((await GetRequiredAsync(late.Id)).LeaseOwner);
    }

    [Fact]
    public async Task ClaimDueAsync_OverdueByDeadline_OrderedWithDueJobsByEarliestTime()
    {
        var dueLater = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(8) });
        var overdue = await CreatedAsync(NewJob() with { NextRunAt = T0.AddHours(1), DeadlineAt = T0.AddSeconds(4) });
        var dueFirst = await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(2) });

        var claimed = await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(10), Lease, 2, Ct);

        Assert.Equal([dueFirst.Id, overdue.Id], claimed.Select(j => j.Id));
        Assert.Null((await GetRequiredAsync(dueLater.Id)).LeaseOwner);
    }

    [Fact]
    public async Task ClaimDueAsync_TwoConcurrentClaimers_NeverShareAJob()
    {
        var ids = new List<string>();
        for (var i = 0; i < 200; i++) ids.Add((await CreatedAsync(NewJob())).Id);
        var claims = new ConcurrentBag<(string Owner, string Id)>();

        async Task ClaimLoop(string owner)
        {
            await Task.Yield();
            // Bounded, so a store that hands out leased jobs again fails instead of looping forever.
            for (var round = 0; round < 100; round++)
            {
                var batch = await Jobs.ClaimDueAsync(owner, T0, Lease, 7, Ct);
                if (batch.Count == 0) return;
                foreach (var job in batch)
                {
                    Assert.Equal(owner, job.LeaseOwner);
                    claims.Add((owner, job.Id));
                }
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimLoop("node-1")), Task.Run(() => ClaimLoop("node-2")));

        var claimedIds = claims.Select(c => c.Id).ToList();
        Assert.Equal(200, claimedIds.Count);
        Assert.Equal(ids.Order(), claimedIds.Distinct().Order());
        foreach (var (owner, id) in claims) Assert.Equal(owner, (await GetRequiredAsync(id)).LeaseOwner);
    }

    [Fact]
    public async Task RenewLeaseAsync_HeldToken_ExtendsLease()
    {
        await CreatedAsync(NewJob());
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));
        var until = T0 + Lease + Lease;

        Assert.True(await Jobs.RenewLeaseAsync(claimed.Id, claimed.LeaseToken!, until, Ct));

        Assert.Equal(until, (await GetRequiredAsync(claimed.Id)).LeaseUntil);
        Assert.Empty(await Jobs.ClaimDueAsync("node-2", T0 + Lease + TimeSpan.FromSeconds(1), Lease, 10, Ct));
    }

    [Fact]
    public async Task RenewLeaseAsync_WrongToken_ReturnsFalse()
    {
        await CreatedAsync(NewJob());
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));

        Assert.False(await Jobs.RenewLeaseAsync(claimed.Id, "forged", T0.AddHours(1), Ct));
        Assert.Equal(T0 + Lease, (await GetRequiredAsync(claimed.Id)).LeaseUntil);
    }

    [Fact]
    public async Task RenewLeaseAsync_JobCanceled_ReturnsFalse()
    {
        await CreatedAsync(NewJob());
        var claimed = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 10, Ct));
        await Jobs.TryUpdateAsync(claimed with { Status = JobStatus.Canceled, Stage = JobStage.Done }, null, [], [], Ct);

        Assert.False(await Jobs.RenewLeaseAsync(claimed.Id, claimed.LeaseToken!, T0.AddHours(1), Ct));
    }

    [Fact]
    public async Task ReleaseExpiredLeasesAsync_SomeExpired_ClearsOnlyThose()
    {
        var shortLease = await CreatedAsync(NewJob());
        Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, TimeSpan.FromSeconds(10), 1, Ct));
        var longLease = await CreatedAsync(NewJob());
        Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, TimeSpan.FromMinutes(10), 1, Ct));

        var released = await Jobs.ReleaseExpiredLeasesAsync(T0.AddMinutes(1), Ct);

        Assert.Equal(1, released);
        var expired = await GetRequiredAsync(shortLease.Id);
        Assert.Null(expired.LeaseOwner);
        Assert.Null(expired.LeaseToken);
        Assert.Null(expired.LeaseUntil);
        Assert.Equal("node-1", (await GetRequiredAsync(longLease.Id)).LeaseOwner);
    }

    [Fact]
    public async Task ReleaseLeasesOfAsync_OwnersLiveLeases_ReleasedAndClaimableAtOnceOthersKept()
    {
        var mine = await CreatedAsync(NewJob());
        var claimedMine = Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, TimeSpan.FromMinutes(10), 1, Ct));
        var theirs = await CreatedAsync(NewJob());
        Assert.Single(await Jobs.ClaimDueAsync("node-2", T0, TimeSpan.FromMinutes(10), 1, Ct));

        var released = await Jobs.ReleaseLeasesOfAsync("node-1", Ct);

        Assert.Equal(1, released);
        var after = await GetRequiredAsync(mine.Id);
        Assert.Equal((null, null, null), (after.LeaseOwner, after.LeaseToken, after.LeaseUntil));
        Assert.True(after.Version > claimedMine.Version);
        Assert.Equal("node-2", (await GetRequiredAsync(theirs.Id)).LeaseOwner);
        // Claimable now, long before the old 10-minute lease would have run out.
        Assert.Equal(mine.Id, Assert.Single(await Jobs.ClaimDueAsync("node-1", T0.AddSeconds(1), Lease, 10, Ct)).Id);
        Assert.False(await Jobs.RenewLeaseAsync(mine.Id, claimedMine.LeaseToken!, T0.AddMinutes(1), Ct));
    }

    [Fact]
    public async Task NextDueAtAsync_NoJobs_ReturnsNull()
    {
        Assert.Null(await Jobs.NextDueAtAsync(Ct));
    }

    [Fact]
    public async Task NextDueAtAsync_MixedJobs_ReturnsEarliestUnleasedNonTerminal()
    {
        await CreatedAsync(NewJob() with { NextRunAt = T0 });
        Assert.Single(await Jobs.ClaimDueAsync("node-1", T0, Lease, 1, Ct));
        await CreatedAsync(NewJob() with { Status = JobStatus.Failed, Stage = JobStage.Done, NextRunAt = T0.AddSeconds(1) });
        await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(7) });
        await CreatedAsync(NewJob() with { NextRunAt = T0.AddSeconds(3) });

        Assert.Equal(T0.AddSeconds(3), await Jobs.NextDueAtAsync(Ct));
    }
}
