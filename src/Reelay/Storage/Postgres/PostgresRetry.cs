using Npgsql;

namespace Reelay.Storage.Postgres;

/// <summary>
/// Which failures are worth another try, and how long to wait before it. Transient means the server or network
/// failed the attempt before it could take effect (connection lost, server starting or shutting down, too many
/// connections) or the server aborted it to resolve a conflict (serialization failure 40001, deadlock 40P01).
/// A retried operation is always a whole transaction, so it either commits once or not at all.
/// </summary>
internal static class PostgresRetry
{
    /// <summary>Tries per operation, the first included.</summary>
    public const int MaxAttempts = 4;

    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(50);

    public static bool IsTransient(Exception error) => error switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.SerializationFailure
            or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown
            or PostgresErrorCodes.CrashShutdown,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    /// <summary>True when the pool's idle connections may be dead too (the server dropped connections), so they should be discarded.</summary>
    public static bool IsConnectionLoss(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown }
        || (error is NpgsqlException and not PostgresException);

    /// <summary>Exponential backoff with full jitter before try <paramref name="attempt"/> + 1: spreads out nodes that failed together.</summary>
    public static TimeSpan DelayBefore(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * BaseDelay.TotalMilliseconds * (1 << attempt));
}
