using Reelay.Credits;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Tests.Storage.Credits;

/// <summary>
/// Reservation, settlement, refund, top-up, usage and the ledger check, written against <see cref="IJobStore"/> and
/// <see cref="ICreditStore"/> only and run on SQLite and PostgreSQL. The invariant checked after every scenario: each
/// key's balance equals the sum of its ledger entries.
/// </summary>
public abstract class CreditStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private Func<ValueTask> _close = () => ValueTask.CompletedTask;
    private int _idSequence;

    protected IJobStore Jobs { get; private set; } = null!;
    protected ICreditStore Credits { get; private set; } = null!;

    /// <summary>Opens a fresh, empty store pair; the returned delegate closes and deletes it.</summary>
    protected abstract Task<(IJobStore Jobs, ICreditStore Credits, Func<ValueTask> Close)> OpenFreshAsync();

    public async Task InitializeAsync()
    {
        (Jobs, Credits, _close) = await OpenFreshAsync();
        await Jobs.MigrateAsync(Ct);
    }

    public async Task DisposeAsync() => await _close();

    private VideoJob PricedJob(string owner, decimal price, string model = "kling-v2-1", string? idempotencyKey = null, DateTimeOffset? at = null)
    {
        var created = at ?? T0;
        return TestJobs.Queued(Guid.CreateVersion7(T0.AddMilliseconds(Interlocked.Increment(ref _idSequence))).ToString(), created, owner) with
        {
            Credits = price,
            Request = new VideoRequest { Model = model, Prompt = "a red fox in snow" },
            IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : "hash",
        };
    }

    private async Task AssertLedgerConsistentAsync()
    {
        var checks = await Credits.CheckLedgerAsync(Ct);
        Assert.All(checks, c => Assert.True(c.Matches, $"key {c.KeyId}: balance {c.Balance} ≠ ledger sum {c.LedgerSum}"));
    }

    private Task<VideoJob?> TerminalAsync(VideoJob job, JobStatus status) =>
        Jobs.TryUpdateAsync(job with { Status = status, Stage = JobStage.Done, NextRunAt = null, CompletedAt = T0 }, null, [], [],
            CreditLedger.Closing(job with { Status = status }, T0.AddMinutes(1)), Ct);

    [Fact]
    public async Task CreateAsync_TwoHundredConcurrentAgainstBalanceForFifty_AcceptsExactlyFifty()
    {
        await Credits.TopUpAsync("key-a", 50m, T0, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => Jobs.CreateAsync(PricedJob("key-a", 1m), Ct))));

        Assert.Equal(50, results.Count(r => r.Outcome == CreateOutcome.Created));
        Assert.Equal(150, results.Count(r => r.Outcome == CreateOutcome.InsufficientCredits));
        var balance = await Credits.GetBalanceAsync("key-a", Ct);
        Assert.True(balance.Limited);
        Assert.Equal(0m, balance.Balance);
        foreach (var refused in results.Where(r => r.Outcome == CreateOutcome.InsufficientCredits).Take(5))
        {
            Assert.Null(await Jobs.GetAsync(refused.Job.Id, Ct));
            Assert.Empty(await Jobs.GetEventsAsync(refused.Job.Id, 0, Ct));
        }
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task CreateAsync_UnlimitedKey_AcceptsAndRecordsSpending()
    {
        var created = await Jobs.CreateAsync(PricedJob("key-free", 2.5m), Ct);

        Assert.Equal(CreateOutcome.Created, created.Outcome);
        var balance = await Credits.GetBalanceAsync("key-free", Ct);
        Assert.False(balance.Limited);
        Assert.Equal(-2.5m, balance.Balance);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task CreateAsync_FiftyConcurrentFirstJobsOfAnUnlimitedKey_AcceptsAll()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => Jobs.CreateAsync(PricedJob("key-new", 1m), Ct))));

        Assert.All(results, r => Assert.Equal(CreateOutcome.Created, r.Outcome));
        Assert.Equal(-50m, (await Credits.GetBalanceAsync("key-new", Ct)).Balance);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task TopUpAsync_WhileUnlimitedCreatesRun_EveryReservationCountsInTheMeteredBalance()
    {
        await Jobs.CreateAsync(PricedJob("key-x", 1m), Ct);
        var creates = Enumerable.Range(0, 100).Select(_ => Task.Run(() => Jobs.CreateAsync(PricedJob("key-x", 1m), Ct))).ToList();
        var topUp = Task.Run(() => Credits.TopUpAsync("key-x", 1000m, T0, Ct));
        var results = await Task.WhenAll(creates);
        await topUp;

        Assert.All(results, r => Assert.Equal(CreateOutcome.Created, r.Outcome));
        var balance = await Credits.GetBalanceAsync("key-x", Ct);
        Assert.True(balance.Limited);
        Assert.InRange(balance.Balance, 899m, 1000m);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task CreateAsync_IdempotentReplay_ReservesOnce()
    {
        await Credits.TopUpAsync("key-a", 10m, T0, Ct);
        var first = await Jobs.CreateAsync(PricedJob("key-a", 3m, idempotencyKey: "same"), Ct);
        var replay = await Jobs.CreateAsync(PricedJob("key-a", 3m, idempotencyKey: "same"), Ct);

        Assert.Equal(CreateOutcome.Created, first.Outcome);
        Assert.Equal(CreateOutcome.Existing, replay.Outcome);
        Assert.Equal(first.Job.Id, replay.Job.Id);
        Assert.Equal(7m, (await Credits.GetBalanceAsync("key-a", Ct)).Balance);
        Assert.Single(await Credits.JobLedgerAsync(first.Job.Id, Ct));
    }

    [Fact]
    public async Task CreateAsync_Refused_KeepsIdempotencyKeyFree()
    {
        await Credits.TopUpAsync("key-a", 1m, T0, Ct);
        var refused = await Jobs.CreateAsync(PricedJob("key-a", 2m, idempotencyKey: "k"), Ct);
        await Credits.TopUpAsync("key-a", 1m, T0, Ct);
        var retried = await Jobs.CreateAsync(PricedJob("key-a", 2m, idempotencyKey: "k"), Ct);

        Assert.Equal(CreateOutcome.InsufficientCredits, refused.Outcome);
        Assert.Equal(CreateOutcome.Created, retried.Outcome);
        Assert.Equal(0m, (await Credits.GetBalanceAsync("key-a", Ct)).Balance);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task TryUpdateAsync_Succeeded_SettlesAndKeepsCharge()
    {
        await Credits.TopUpAsync("key-a", 5m, T0, Ct);
        var job = (await Jobs.CreateAsync(PricedJob("key-a", 2m), Ct)).Job;

        Assert.NotNull(await TerminalAsync(job, JobStatus.Succeeded));

        Assert.Equal(3m, (await Credits.GetBalanceAsync("key-a", Ct)).Balance);
        Assert.Equal([LedgerKind.Reserve, LedgerKind.Settle], (await Credits.JobLedgerAsync(job.Id, Ct)).Select(e => e.Kind));
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task TryUpdateAsync_FailCancelAndDeadlineRace_RefundsExactlyOnce()
    {
        await Credits.TopUpAsync("key-a", 5m, T0, Ct);
        var job = (await Jobs.CreateAsync(PricedJob("key-a", 2m), Ct)).Job;

        // Three writers start from the same version: engine failure, cancel and deadline expiry.
        var racers = new[] { JobStatus.Failed, JobStatus.Canceled, JobStatus.Failed, JobStatus.Canceled, JobStatus.Failed };
        var outcomes = await Task.WhenAll(racers.Select(status => Task.Run(() => TerminalAsync(job, status))));

        Assert.Single(outcomes, o => o is not null);
        Assert.Equal(5m, (await Credits.GetBalanceAsync("key-a", Ct)).Balance);
        Assert.Equal([LedgerKind.Reserve, LedgerKind.Refund], (await Credits.JobLedgerAsync(job.Id, Ct)).Select(e => e.Kind));
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task TryUpdateAsync_SecondClosingEntry_IsDroppedWithItsBalanceChange()
    {
        await Credits.TopUpAsync("key-a", 5m, T0, Ct);
        var job = (await Jobs.CreateAsync(PricedJob("key-a", 2m), Ct)).Job;
        var failed = await TerminalAsync(job, JobStatus.Failed);

        // A buggy later write carrying another refund wins its compare-and-set, but the ledger refuses the refund.
        var again = await Jobs.TryUpdateAsync(failed! with { Progress = 1 }, null, [], [], CreditLedger.Closing(failed!, T0.AddMinutes(2)), Ct);

        Assert.NotNull(again);
        Assert.Equal(5m, (await Credits.GetBalanceAsync("key-a", Ct)).Balance);
        Assert.Equal(2, (await Credits.JobLedgerAsync(job.Id, Ct)).Count);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task TopUpAsync_UnlimitedKeyWithSpending_StartsMeteredBalanceAtTheTopUp()
    {
        await Jobs.CreateAsync(PricedJob("key-b", 4m), Ct);

        var balance = await Credits.TopUpAsync("key-b", 10m, T0, Ct);

        Assert.True(balance.Limited);
        Assert.Equal(10m, balance.Balance);
        await AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task UsageAsync_GroupedByModelDayAndKey_SumsReservationsRefundsAndTopUps()
    {
        await Credits.TopUpAsync("key-a", 20m, T0, Ct);
        var a1 = (await Jobs.CreateAsync(PricedJob("key-a", 1m, "kling-v2-1"), Ct)).Job;
        await Jobs.CreateAsync(PricedJob("key-a", 1.5m, "kling-v2-1", at: T0.AddDays(1)), Ct);
        var b1 = (await Jobs.CreateAsync(PricedJob("key-b", 2m, "kling-v2-6"), Ct)).Job;
        await TerminalAsync(a1, JobStatus.Succeeded);
        await TerminalAsync(b1, JobStatus.Failed);
        var all = new UsageQuery(T0.AddDays(-1), T0.AddDays(3), UsageGrouping.Model, null);

        var byModel = await Credits.UsageAsync(all, Ct);
        var byDay = await Credits.UsageAsync(all with { GroupBy = UsageGrouping.Day }, Ct);
        var byKey = await Credits.UsageAsync(all with { GroupBy = UsageGrouping.Key }, Ct);
        var onlyB = await Credits.UsageAsync(all with { KeyId = "key-b" }, Ct);

        Assert.Equal(["", "kling-v2-1", "kling-v2-6"], byModel.Select(r => r.Group));
        var v21 = byModel[1];
        Assert.Equal((2L, 1L, 0L, 2.5m, 0m, 2.5m), (v21.Jobs, v21.Settled, v21.Refunds, v21.Reserved, v21.Refunded, v21.Charged));
        var v26 = byModel[2];
        Assert.Equal((1L, 1L, 2m, 2m, 0m), (v26.Jobs, v26.Refunds, v26.Reserved, v26.Refunded, v26.Charged));
        Assert.Equal(20m, byModel[0].TopUps);
        Assert.Equal(["2025-03-01", "2025-03-02"], byDay.Select(r => r.Group));
        Assert.Equal(1.5m, byDay[1].Charged);
        Assert.Equal(["key-a", "key-b"], byKey.Select(r => r.Group));
        Assert.Equal(2.5m, byKey[0].Charged);
        Assert.Equal("kling-v2-6", Assert.Single(onlyB).Group);
    }

    [Fact]
    public async Task CheckLedgerAsync_AfterMixedOperations_EveryBalanceMatches()
    {
        await Credits.TopUpAsync("key-a", 3m, T0, Ct);
        var j = (await Jobs.CreateAsync(PricedJob("key-a", 1m), Ct)).Job;
        await Jobs.CreateAsync(PricedJob("key-c", 1m), Ct);
        await TerminalAsync(j, JobStatus.Canceled);

        var checks = await Credits.CheckLedgerAsync(Ct);

        Assert.Equal(["key-a", "key-c"], checks.Select(c => c.KeyId));
        Assert.All(checks, c => Assert.True(c.Matches));
        Assert.Equal(3m, checks[0].Balance);
    }
}
