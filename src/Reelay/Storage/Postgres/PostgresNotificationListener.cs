using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Reelay.Scheduling;
using Reelay.Webhooks;

namespace Reelay.Storage.Postgres;

/// <summary>
/// Holds one connection that LISTENs on <see cref="PostgresDatabase.JobsChannel"/> and
/// <see cref="PostgresDatabase.WebhooksChannel"/> and kicks this node's <see cref="SchedulerSignal"/> /
/// <see cref="WebhookSignal"/> when another node (or this one) commits due work. Wake-ups only shorten waits: the
/// scheduler and dispatcher keep polling, so a lost connection costs latency, never work. After every (re)connect both
/// signals are kicked, since notifications sent while disconnected are gone; reconnects back off up to 30 s.
/// </summary>
public sealed class PostgresNotificationListener(
    PostgresDatabase database,
    SchedulerSignal scheduler,
    WebhookSignal webhooks,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    /// <summary>How long the connection may stay silent before it is checked with a round trip.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private int _connections;

    /// <summary>How many times a LISTEN connection has been established (for tests and diagnostics).</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            var connectionsBefore = Connections;
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Any failure ends this connection; a connection that was listening starts the backoff over.
                if (Connections != connectionsBefore) backoff = TimeSpan.FromSeconds(1);
                PostgresLog.ListenerLost(logger, backoff.TotalMilliseconds, error);
                try
                {
                    await Task.Delay(backoff, database.TimeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        var connection = await database.DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            connection.Notification += OnNotification;
            await connection.Command($"LISTEN {PostgresDatabase.JobsChannel}; LISTEN {PostgresDatabase.WebhooksChannel}")
                .RunAsync(ct).ConfigureAwait(false);
            PostgresLog.Listening(logger, PostgresDatabase.JobsChannel, PostgresDatabase.WebhooksChannel);
            scheduler.Kick();
            webhooks.Kick();
            // Counted after the catch-up kicks, so whoever sees the count also sees those kicks given.
            Interlocked.Increment(ref _connections);
            while (true)
            {
                if (!await connection.WaitAsync(IdleCheck, ct).ConfigureAwait(false))
                    await connection.Command("SELECT 1").RunAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == PostgresDatabase.JobsChannel) scheduler.Kick();
        else if (e.Channel == PostgresDatabase.WebhooksChannel) webhooks.Kick();
    }
}
