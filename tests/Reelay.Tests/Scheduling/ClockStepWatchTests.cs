using Microsoft.Extensions.Time.Testing;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage.Sqlite;
using Reelay.Tests.Storage;
using Reelay.Tests.Support;
using Reelay.Webhooks;

namespace Reelay.Tests.Scheduling;

/// <summary>The watch over a real SQLite store, its wall clock stepped back by 20 minutes.</summary>
public sealed class ClockStepWatchTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(-20);
    private const int SteppedForward = 2302;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reelay-clockstep-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _fake = new(T0);
    private readonly SteppableTime _time;
    private readonly SqliteStorage _storage;
    private readonly ClockStepWatch _watch;
    private readonly RecordingLogger<ClockStepWatch> _log = new();

    public ClockStepWatchTests()
    {
        Directory.CreateDirectory(_directory);
        _time = new SteppableTime(_fake);
        _storage = SqliteStorage.Open(Path.Combine(_directory, "reelay.db"), TimeProvider.System);
        _watch = new ClockStepWatch(_storage.Jobs, _storage.Outbox, new SchedulerSignal(), new WebhookSignal(), _time, _log);
    }

    [Fact]
    public async Task ExecuteAsync_CommitReadTheOldClockButLandedAfterTheMove_MovedOnceBySecondPass()
    {
        await _storage.Jobs.MigrateAsync(CancellationToken.None);
        await _watch.StartAsync(CancellationToken.None);
        // The watch runs once it saw a step forward (it started its loop on the thread pool, at a moment unknown here).
        await Eventually.TrueAsync(() =>
        {
            _time.Step(TimeSpan.FromSeconds(5));
            _fake.Advance(TimeSpan.FromSeconds(1));
            return _log.Logged(SteppedForward);
        }, "the watch running");
        var old = _time.GetUtcNow();
        var before = await CreatedAsync("before", old.AddSeconds(5));

        _time.Step(Step);
        await Eventually.TrueAdvancingAsync(_fake, () => NextRun("before") < old, "the first move", TimeSpan.FromMilliseconds(100));
        // A step that read the clock before the step commits its next poll 0.3 s after that, once the move ran.
        await CreatedAsync("late", old.AddSeconds(0.3));
        // A step that read the new clock schedules its poll 10 s ahead.
        var fresh = _time.GetUtcNow().AddSeconds(10);
        await CreatedAsync("fresh", fresh);
        await Eventually.TrueAdvancingAsync(_fake, () => NextRun("late") < old, "the second move", TimeSpan.FromMilliseconds(100));

        Assert.Equal(before.NextRunAt + Step, NextRun("before"));
        Assert.Equal(old.AddSeconds(0.3) + Step, NextRun("late"));
        Assert.Equal(fresh, NextRun("fresh"));
    }

    private async Task<VideoJob> CreatedAsync(string id, DateTimeOffset due) =>
        (await _storage.Jobs.CreateAsync(TestJobs.Queued(id, T0) with { NextRunAt = due }, CancellationToken.None)).Job;

    private DateTimeOffset? NextRun(string id) =>
        _storage.Jobs.GetAsync(id, CancellationToken.None).GetAwaiter().GetResult()?.NextRunAt;

    public void Dispose()
    {
        _watch.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        _watch.Dispose();
        _storage.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
