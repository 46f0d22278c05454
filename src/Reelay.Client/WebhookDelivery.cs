namespace Reelay.Client;

/// <summary>One webhook message sent (or being sent) for a video, with every attempt.</summary>
public sealed record WebhookDelivery
{
    /// <summary>The <c>webhook-id</c> header value, stable across retries.</summary>
    public required string WebhookId { get; init; }
    public string? EventType { get; init; }
    public string? Url { get; init; }
    /// <summary><c>pending</c>, <c>delivered</c> or <c>failed</c>.</summary>
    public string? State { get; init; }
    public IReadOnlyList<WebhookDeliveryAttempt> Attempts { get; init; } = [];
}
