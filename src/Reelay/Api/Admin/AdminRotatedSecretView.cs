namespace Reelay.Api.Admin;

/// <summary>
/// The answer to a webhook secret rotation: the new secret (shown this once) and until when the previous one
/// still signs alongside it (unix seconds; null when there is no grace period).
/// </summary>
public sealed record AdminRotatedSecretView(AdminKeyView Key, string WebhookSecret, long? PreviousSecretValidUntil);
