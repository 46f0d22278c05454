using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task KeyInsertAsync_WithLimits_GetReturnsThem()
    {
        var key = NewKey("limited", T0) with { Limits = new KeyLimits(60, 3, ["kling-v2-1", "kling-v2-5-turbo"]) };

        await Keys.InsertAsync(key, Ct);

        var stored = await Keys.GetAsync(key.Id, Ct);
        Assert.Equal(new KeyLimits(60, 3, ["kling-v2-1", "kling-v2-5-turbo"]), stored!.Limits);
        Assert.Null(stored.WebhookSecretRotatedAt);
    }

    [Fact]
    public async Task KeyUpdateSettingsAsync_NewLimitsThenCleared_PersistsEach()
    {
        var key = NewKey("k", T0);
        await Keys.InsertAsync(key, Ct);

        Assert.True(await Keys.UpdateSettingsAsync(key.Id, "renamed", new KeyLimits(10, null, ["veo3"]), Ct));
        var limited = await Keys.GetAsync(key.Id, Ct);
        Assert.Equal("renamed", limited!.Name);
        Assert.Equal(new KeyLimits(10, null, ["veo3"]), limited.Limits);

        Assert.True(await Keys.UpdateSettingsAsync(key.Id, "renamed", KeyLimits.None, Ct));
        Assert.True((await Keys.GetAsync(key.Id, Ct))!.Limits.IsUnlimited);
    }

    [Fact]
    public async Task KeyUpdateSettingsAsync_UnknownKey_ReturnsFalse()
    {
        Assert.False(await Keys.UpdateSettingsAsync(Guid.NewGuid(), "x", KeyLimits.None, Ct));
    }

    [Fact]
    public async Task KeyRotateWebhookSecretAsync_ActiveKey_AdvancesGenerationAndRecordsTime()
    {
        var key = NewKey("k", T0);
        await Keys.InsertAsync(key, Ct);

        var rotated = await Keys.RotateWebhookSecretAsync(key.Id, T0.AddHours(1), Ct);

        Assert.Equal(2, rotated!.WebhookSecretGeneration);
        Assert.Equal(T0.AddHours(1), rotated.WebhookSecretRotatedAt);
        Assert.Equal(2, (await Keys.GetAsync(key.Id, Ct))!.WebhookSecretGeneration);
    }

    [Fact]
    public async Task KeyRotateWebhookSecretAsync_RevokedKey_ReturnsNull()
    {
        var key = NewKey("k", T0);
        await Keys.InsertAsync(key, Ct);
        await Keys.RevokeAsync(key.Id, T0, Ct);

        Assert.Null(await Keys.RotateWebhookSecretAsync(key.Id, T0.AddHours(1), Ct));
    }

    [Fact]
    public async Task CreateAsync_ModelNotAllowedForKey_RefusedAndNotStored()
    {
        var key = await InsertLimitedKeyAsync(new KeyLimits(AllowedModels: ["kling-v2-5-turbo"]));
        var job = NewJob(AccountRowsId(key));

        var result = await Jobs.CreateAsync(job, Ct);

        Assert.Equal(CreateOutcome.ModelNotAllowed, result.Outcome);
        Assert.Null(await Jobs.GetAsync(job.Id, Ct));
    }

    [Fact]
    public async Task CreateAsync_AllowedModelOtherCase_Created()
    {
        var key = await InsertLimitedKeyAsync(new KeyLimits(AllowedModels: ["KLING-V2-1"]));

        await CreatedAsync(NewJob(AccountRowsId(key)));
    }

    [Fact]
    public async Task CreateAsync_KeyAtConcurrencyLimit_RefusedUntilAJobEnds()
    {
        var key = await InsertLimitedKeyAsync(new KeyLimits(MaxConcurrentJobs: 2));
        var owner = AccountRowsId(key);
        var first = await CreatedAsync(NewJob(owner));
        await CreatedAsync(NewJob(owner));
        await CreatedAsync(NewJob("another-key"));

        Assert.Equal(CreateOutcome.ConcurrencyLimited, (await Jobs.CreateAsync(NewJob(owner), Ct)).Outcome);

        Assert.NotNull(await Jobs.TryUpdateAsync(first with { Status = JobStatus.Succeeded, CompletedAt = T0 }, null, [], [], Ct));
        await CreatedAsync(NewJob(owner));
    }

    [Fact]
    public async Task CreateAsync_ReplayOfIdempotencyKeyAtLimit_ReturnsExisting()
    {
        var key = await InsertLimitedKeyAsync(new KeyLimits(MaxConcurrentJobs: 1));
        var job = NewJob(AccountRowsId(key)) with { IdempotencyKey = "once", RequestHash = "h" };
        await CreatedAsync(job);

        var replay = await Jobs.CreateAsync(NewJob(AccountRowsId(key)) with { IdempotencyKey = "once", RequestHash = "h" }, Ct);

        Assert.Equal(CreateOutcome.Existing, replay.Outcome);
        Assert.Equal(job.Id, replay.Job.Id);
    }

    [Fact]
    public async Task CreateAsync_FiftyParallelCreatesFromTwoNodes_ExactlyLimitAccepted()
    {
        const int limit = 7;
        var key = await InsertLimitedKeyAsync(new KeyLimits(MaxConcurrentJobs: limit));
        var owner = AccountRowsId(key);
        var other = Open();
        var jobs = Enumerable.Range(0, 50).Select(_ => NewJob(owner)).ToList();

        var results = await Task.WhenAll(jobs.Select((job, i) => Task.Run(() => (i % 2 == 0 ? Jobs : other.Jobs).CreateAsync(job, Ct))));

        Assert.Equal(limit, results.Count(r => r.Outcome == CreateOutcome.Created));
        Assert.Equal(50 - limit, results.Count(r => r.Outcome == CreateOutcome.ConcurrencyLimited));
        var stored = await Jobs.ListAsync(new JobQuery(owner, null, null, 100), Ct);
        Assert.Equal(limit, stored.Count);
    }

    private async Task<ApiKey> InsertLimitedKeyAsync(KeyLimits limits)
    {
        var key = NewKey("limited-" + Guid.NewGuid().ToString("N")[..6], T0) with { Limits = limits };
        await Keys.InsertAsync(key, Ct);
        return key;
    }

    /// <summary>The owner id a job of <paramref name="key"/> carries (the key id in "D" form).</summary>
    private static string AccountRowsId(ApiKey key) => key.Id.ToString("D");
}
