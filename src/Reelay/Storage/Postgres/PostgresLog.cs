using Microsoft.Extensions.Logging;

namespace Reelay.Storage.Postgres;

/// <summary>Log messages of the PostgreSQL backend. Connection strings (which may hold passwords) are never logged.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL operation failed transiently (try {Attempt}); retrying in {DelayMs:F0} ms")]
    public static partial void Retrying(ILogger logger, int attempt, double delayMs, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied PostgreSQL migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for PostgreSQL notifications on {JobsChannel} and {WebhooksChannel}")]
    public static partial void Listening(ILogger logger, string jobsChannel, string webhooksChannel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL notification connection lost; reconnecting in {DelayMs:F0} ms (polling continues meanwhile)")]
    public static partial void ListenerLost(ILogger logger, double delayMs, Exception error);
}
