namespace Reelay.Api.Native;

/// <summary>One webhook message of a job with its delivery attempts.</summary>
public sealed record NativeDelivery(string WebhookId, string EventType, string Url, string State, IReadOnlyList<NativeDeliveryAttempt> Attempts);
