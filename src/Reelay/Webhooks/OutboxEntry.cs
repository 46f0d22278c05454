using Reelay.Storage;
namespace Reelay.Webhooks;

/// <summary>A stored webhook message with its delivery state.</summary>
public sealed record OutboxEntry(
    WebhookMessage Message,
    OutboxState State,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    int? LastStatusCode,
    string? LastError);
