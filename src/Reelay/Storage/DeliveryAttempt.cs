namespace Reelay.Storage;

/// <summary>One try at delivering a webhook, as recorded in the delivery log.</summary>
/// <param name="StatusCode">HTTP status, or null when no response arrived (timeout, refused, blocked by the SSRF guard).</param>
/// <param name="ResponseSnippet">The first bytes of the response body (at most 1 KiB), for operators.</param>
public sealed record DeliveryAttempt(
    string MessageId,
    string JobId,
    int Attempt,
    DateTimeOffset At,
    int? StatusCode,
    string? Error,
    int DurationMs,
    string? ResponseSnippet);
