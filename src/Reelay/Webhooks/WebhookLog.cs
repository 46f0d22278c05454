using Microsoft.Extensions.Logging;

namespace Reelay.Webhooks;

/// <summary>Webhook log messages; event ids 4000-4099. URLs, headers and secrets are never logged.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(4000, LogLevel.Information, "Webhook dispatcher started on node {NodeId} (max {MaxConcurrency} in flight)")]
    public static partial void Started(ILogger logger, string nodeId, int maxConcurrency);

    [LoggerMessage(4001, LogLevel.Information, "Webhook dispatcher stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(4002, LogLevel.Warning, "Claiming due webhooks failed; retrying after the idle interval")]
    public static partial void ClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(4003, LogLevel.Debug, "Webhook {MessageId} ({EventType}) delivered on attempt {Attempt} with {StatusCode} in {DurationMs} ms")]
    public static partial void Delivered(ILogger logger, string messageId, string eventType, int attempt, int? statusCode, int durationMs);

    [LoggerMessage(4004, LogLevel.Information, "Webhook {MessageId} attempt {Attempt} failed ({StatusCode}, {Error}); next attempt at {NextAttemptAt:o}")]
    public static partial void WillRetry(ILogger logger, string messageId, int attempt, int? statusCode, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(4005, LogLevel.Warning, "Webhook {MessageId} failed for good after attempt {Attempt} ({StatusCode}, {Error})")]
    public static partial void GaveUp(ILogger logger, string messageId, int attempt, int? statusCode, string? error);

    [LoggerMessage(4006, LogLevel.Warning, "Webhook {MessageId}: lease lost before the attempt was recorded; another node owns it now")]
    public static partial void LeaseLost(ILogger logger, string messageId);

    [LoggerMessage(4007, LogLevel.Error, "Webhook {MessageId}: delivery failed unexpectedly; it is retried when its lease expires")]
    public static partial void DeliveryCrashed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(4008, LogLevel.Warning, "Looking up the next due webhook failed")]
    public static partial void NextDueFailed(ILogger logger, Exception exception);
}
