using Reelay.Storage;
namespace Reelay.Webhooks;

/// <summary>
/// A webhook to deliver, written to the outbox in the same transaction as the transition that causes it
/// (at least once: if the transition commits, so does the message).
/// </summary>
/// <param name="Id">The Standard Webhooks <c>webhook-id</c>; stable across retries, so receivers can deduplicate.</param>
/// <param name="Headers">Extra dialect-specific headers (e.g. <c>x-webhook-secret</c>), sent verbatim.</param>
public sealed record WebhookMessage(
    string Id,
    string JobId,
    string OwnerKeyId,
    string EventType,
    string Url,
    string Payload,
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string>? Headers = null);
