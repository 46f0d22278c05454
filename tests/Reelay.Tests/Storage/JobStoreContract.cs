using System.Text.Json;
using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage;

/// <summary>
/// The behaviour every durable store backend must show, written against the interfaces only. A backend
/// supplies a fresh location per test (temp file, fresh database) and opens store sets over it; the
/// tests are split by area into the partial files JobStoreContract.*.cs. Time is passed explicitly
/// (the store API takes <c>now</c>), so no test waits.
/// </summary>
public abstract partial class JobStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    protected static readonly CancellationToken Ct = CancellationToken.None;

    private readonly List<StoreSet> _opened = [];
    private readonly List<string> _locations = [];
    private int _idSequence;

    protected StoreSet Stores { get; private set; } = null!;
    protected IJobStore Jobs => Stores.Jobs;
    protected IWebhookOutbox Outbox => Stores.Outbox;
    protected IKeyStore Keys => Stores.Keys;
    protected IRetentionStore Retention => Stores.Retention;
    protected IUploadStore Uploads => Stores.Uploads;

    /// <summary>Prepares an empty location (temp directory, fresh database or schema) and names it.</summary>
    protected abstract Task<string> CreateLocationAsync();

    /// <summary>Opens a store set over <paramref name="location"/> without migrating it. Called several times to model several nodes.</summary>
    protected abstract StoreSet OpenStores(string location);

    /// <summary>Removes a location; every store set over it is closed by then.</summary>
    protected abstract Task DeleteLocationAsync(string location);

    public async Task InitializeAsync()
    {
        Stores = Open(await NewLocationAsync());
        await Stores.Jobs.MigrateAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        foreach (var set in _opened) await set.CloseAsync();
        foreach (var location in _locations) await DeleteLocationAsync(location);
    }

    /// <summary>A fresh, unmigrated location, removed with the test.</summary>
    protected async Task<string> NewLocationAsync()
    {
        var location = await CreateLocationAsync();
        _locations.Add(location);
        return location;
    }

    /// <summary>Another node over <paramref name="location"/> (default: this test's main location), not migrated.</summary>
    protected StoreSet Open(string? location = null) => Track(OpenStores(location ?? _locations[0]));

    private StoreSet Track(StoreSet set)
    {
        _opened.Add(set);
        return set;
    }

    /// <summary>A fresh UUIDv7 id; ids made by one test sort in the order they were made.</summary>
    protected string NewId() => Guid.CreateVersion7(T0.AddMilliseconds(Interlocked.Increment(ref _idSequence))).ToString();

    /// <summary>A queued job due at <see cref="T0"/> with a deadline an hour later.</summary>
    protected VideoJob NewJob(string owner = "key-a") => TestJobs.Queued(NewId(), T0, owner);

    protected async Task<VideoJob> CreatedAsync(VideoJob job)
    {
        var result = await Jobs.CreateAsync(job, Ct);
        Assert.Equal(CreateOutcome.Created, result.Outcome);
        return result.Job;
    }

    protected async Task<VideoJob> GetRequiredAsync(string id) =>
        await Jobs.GetAsync(id, Ct) ?? throw new Xunit.Sdk.XunitException($"job {id} not found");

    protected static WebhookMessage NewMessage(VideoJob job, string eventType = WebhookEvents.Started, DateTimeOffset? at = null) => new(
        "msg_" + Guid.NewGuid().ToString("N"), job.Id, job.OwnerKeyId, eventType, "https://hooks.example.com/in",
        $$"""{"id":"{{job.Id}}","event":"{{eventType}}"}""", at ?? T0);

    /// <summary>Commits <paramref name="messages"/> with a winning update of <paramref name="job"/>; returns the stored job.</summary>
    protected async Task<VideoJob> AddMessagesAsync(VideoJob job, params WebhookMessage[] messages)
    {
        var stored = await Jobs.TryUpdateAsync(job with { Progress = job.Progress + 1 }, null, [], messages, Ct);
        Assert.NotNull(stored);
        return stored;
    }

    /// <summary>Deep equality by value (records holding lists and dictionaries compare by reference otherwise).</summary>
    protected static void AssertSameJob(VideoJob expected, VideoJob actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    protected static ApiKey NewKey(string name, DateTimeOffset createdAt, ApiKeyRole role = ApiKeyRole.User) =>
        new(Guid.NewGuid(), name, role, KeySecrets.Hash("secret-" + name), createdAt, null, 1);
}
