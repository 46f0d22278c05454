using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage;
using Reelay.Storage.Postgres;
using Reelay.TestSupport;
using Reelay.Tests.Support;
using Reelay.Webhooks;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>LISTEN/NOTIFY between nodes: work committed by one node wakes the waiting signals of another.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationListenerTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;
    /// <summary>Far below the scheduler's wait in the tests, far above a notification's latency on loopback.</summary>
    private static readonly TimeSpan WakeDeadline = TimeSpan.FromSeconds(10);

    private readonly SchedulerSignal _scheduler = new();
    private readonly WebhookSignal _webhooks = new();
    private PostgresTestSchema _schema = null!;
    private PostgresStorage _writer = null!;
    private PostgresNotificationListener _listener = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestSchema.CreateAsync(server, "notify");
        _writer = await _schema.OpenMigratedAsync();
        _listener = new PostgresNotificationListener(
            _schema.Open().Database, _scheduler, _webhooks, NullLogger<PostgresNotificationListener>.Instance);
        await _listener.StartAsync(Ct);
        await Eventually.TrueAsync(() => _listener.Connections == 1, "the listener is subscribed");
    }

    public async Task DisposeAsync()
    {
        await _listener.StopAsync(Ct);
        _listener.Dispose();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Listener_JobCreatedByAnotherNode_WakesSchedulerWithinDeadline()
    {
        await DrainAsync();
        var clock = Stopwatch.StartNew();

        await _writer.Jobs.CreateAsync(NewJob(), Ct);

        await _scheduler.WaitAsync(WakeDeadline * 3, Ct);
        Assert.True(clock.Elapsed < WakeDeadline, $"the scheduler woke after {clock.Elapsed}, not on the notification");
    }

    [Fact]
    public async Task Listener_WebhookQueuedByAnotherNode_WakesDispatcher()
    {
        var job = (await _writer.Jobs.CreateAsync(NewJob(), Ct)).Job;
        await DrainAsync();
        var message = new WebhookMessage("msg_1", job.Id, job.OwnerKeyId, WebhookEvents.Completed, "https://hooks.example.com/in", "{}", T0);

        await _writer.Jobs.TryUpdateAsync(job, null, [], [message], Ct);

        using var deadline = new CancellationTokenSource(WakeDeadline);
        await _webhooks.WaitAsync(deadline.Token);
    }

    [Fact]
    public async Task Listener_ExpiredLeaseReleasedByAnotherNode_WakesScheduler()
    {
        await _writer.Jobs.CreateAsync(NewJob(), Ct);
        Assert.Single(await _writer.Jobs.ClaimDueAsync("dead-node", T0, TimeSpan.FromSeconds(1), 10, Ct));
        await DrainAsync();
        var clock = Stopwatch.StartNew();

        Assert.Equal(1, await _writer.Jobs.ReleaseExpiredLeasesAsync(T0.AddMinutes(1), Ct));

        await _scheduler.WaitAsync(WakeDeadline * 3, Ct);
        Assert.True(clock.Elapsed < WakeDeadline, $"the scheduler woke after {clock.Elapsed}, not on the notification");
    }

    [Fact]
    public async Task Listener_ConnectionTerminated_ReconnectsAndWakesAgain()
    {
        var terminated = await _schema.ScalarAsync("""
            SELECT COUNT(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
            WHERE datname = current_database() AND query LIKE 'LISTEN%'
            """);
        Assert.Equal(1L, terminated);
        await Eventually.TrueAsync(() => _listener.Connections == 2, "the listener reconnected", TimeSpan.FromSeconds(20));
        await DrainAsync();
        var clock = Stopwatch.StartNew();

        await _writer.Jobs.CreateAsync(NewJob(), Ct);

        await _scheduler.WaitAsync(WakeDeadline * 3, Ct);
        Assert.True(clock.Elapsed < WakeDeadline, $"the scheduler woke after {clock.Elapsed}, not on the notification");
    }

    /// <summary>Consumes the kicks already given (the listener kicks on every connect).</summary>
    private async Task DrainAsync()
    {
        await _scheduler.WaitAsync(TimeSpan.Zero, Ct);
        _webhooks.TryConsume();
    }

    private static VideoJob NewJob() => TestJobs.Queued(Guid.CreateVersion7().ToString(), T0);
}
