using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Reelay.Storage.Postgres;

/// <summary>
/// One PostgreSQL database shared by <see cref="PostgresJobStore"/>, <see cref="PostgresWebhookOutbox"/>,
/// <see cref="PostgresKeyStore"/> and <see cref="PostgresUploadStore"/>, on every node of a cluster. Guarantees:
/// <list type="bullet">
/// <item>Connections come from one pooled <see cref="NpgsqlDataSource"/>; nothing holds a connection between calls
/// except the notification listener.</item>
/// <item>Each operation runs as one transaction (or one autocommit statement) and is retried as a whole, with
/// jittered backoff, when it fails transiently (<see cref="PostgresRetry"/>): it commits once or not at all.</item>
/// <item>Work that becomes due is announced with NOTIFY on <see cref="JobsChannel"/> / <see cref="WebhooksChannel"/>
/// in the committing transaction, so listeners hear of it only after it is visible.</item>
/// </list>
/// Create one instance per database and share it (register as a singleton); dispose it at shutdown.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    /// <summary>NOTIFY channel for jobs that became due (created, or released back to the queue with a next run).</summary>
    public const string JobsChannel = "reelay_jobs";

    /// <summary>NOTIFY channel for webhook messages added to the outbox.</summary>
    public const string WebhooksChannel = "reelay_webhooks";

    internal ILogger Logger { get; }

    public PostgresDatabase(string connectionString, TimeProvider timeProvider, ILogger<PostgresDatabase>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DataSource = NpgsqlDataSource.Create(WithPoolDefaults(connectionString));
        TimeProvider = timeProvider;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Pool settings Reelay relies on, unless the connection string sets them itself. Reelay keeps no session state on
    /// pooled connections (the listener holds its own), so the DISCARD ALL Npgsql sends on every return to the pool is a
    /// wasted round trip that also drops prepared statements: without it, automatic preparation keeps the hot statements
    /// (inserts, claims, updates) parsed and planned once per physical connection. Measured by benchmark B7: without
    /// these, parse/plan and DISCARD ALL made PostgreSQL the bottleneck of the create path.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!Mentions(given, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        if (!Mentions(given, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 32;
        if (!Mentions(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    private static bool Mentions(DbConnectionStringBuilder given, params string[] keys) =>
        keys.Any(k => given.Keys.Cast<string>().Any(g => string.Equals(g.Replace(" ", "", StringComparison.Ordinal), k.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)));

    internal TimeProvider TimeProvider { get; }

    /// <summary>Applies the embedded migrations this database has not seen yet, under an advisory lock.</summary>
    public Task MigrateAsync(CancellationToken ct) => PostgresMigrator.MigrateAsync(this, ct);

    /// <summary>Runs <paramref name="work"/> on a pooled connection in autocommit mode, retried when it fails transiently.</summary>
    internal Task<TResult> RunAsync<TState, TResult>(
        TState state, Func<NpgsqlConnection, TState, CancellationToken, Task<TResult>> work, CancellationToken ct) =>
        WithRetryAsync(async () =>
        {
            var connection = await DataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                return await work(connection, state, ct).ConfigureAwait(false);
            }
        }, ct);

    /// <summary>
    /// Runs a claim statement (parameters @owner, @now, @until = now + lease, @max) as one autocommit statement and
    /// reads the rows it leased. Claims lock with SKIP LOCKED, so a retried claim cannot wait on the failed one.
    /// </summary>
    internal Task<List<T>> ClaimAsync<T>(
        string sql, Func<NpgsqlDataReader, List<T>> read, string owner, DateTimeOffset now, TimeSpan lease, int max, TimeSpan horizon, CancellationToken ct) =>
        RunAsync((sql, read, owner, now, until: now + lease, max, ahead: now + horizon), static (c, a, ct) =>
            c.Command(a.sql)
                .Bind("owner", a.owner)
                .Bind("now", a.now)
                .Bind("ahead", a.ahead)
                .Bind("until", a.until)
                .Bind("max", a.max)
                .ReadAsync(a.read, ct), ct);

    /// <summary>
    /// Runs <paramref name="work"/> inside one READ COMMITTED transaction and commits it; the whole transaction is
    /// retried when it fails transiently. Work must not have effects outside the database.
    /// </summary>
    internal Task<TResult> InTransactionAsync<TState, TResult>(
        TState state, Func<NpgsqlConnection, TState, CancellationToken, Task<TResult>> work, CancellationToken ct) =>
        RunAsync((state, work), static async (connection, s, ct) =>
        {
            var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await s.work(connection, s.state, ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return result;
            }
        }, ct);

    private async Task<TResult> WithRetryAsync<TResult>(Func<Task<TResult>> attempt, CancellationToken ct)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Exception error) when (tried < PostgresRetry.MaxAttempts && !ct.IsCancellationRequested && PostgresRetry.IsTransient(error))
            {
                // Idle pooled connections to a restarted or purged server are dead as well; don't retry on them.
                if (PostgresRetry.IsConnectionLoss(error)) DataSource.Clear();
                var delay = PostgresRetry.DelayBefore(tried);
                PostgresLog.Retrying(Logger, tried, delay.TotalMilliseconds, error);
                await Task.Delay(delay, TimeProvider, ct).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
