using System.Text.Json.Serialization;

namespace Reelay.WebConsole;

/// <summary>Secrets the admin keys page shows once, after a create or a webhook secret rotation.</summary>
/// <param name="Token">The new key's Bearer token; null after a rotation.</param>
/// <param name="PreviousSecretValidUntil">After a rotation: until when the previous webhook secret still signs (null: no grace).</param>
public sealed record SecretNotice(
    [property: JsonPropertyName("keyName")] string KeyName,
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("webhookSecret")] string WebhookSecret,
    [property: JsonPropertyName("previousValidUntil")] DateTimeOffset? PreviousSecretValidUntil);
