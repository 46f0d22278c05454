using System.Text.Json.Serialization;
using Reelay.Accounts;

namespace Reelay.Api.Admin;

/// <summary>A key as the admin API shows it: never its secrets (nor its account callback key). Times are unix seconds, as in the rest of the native API.</summary>
public sealed record AdminKeyView(
    Guid Id,
    string Object,
    string Name,
    string Role,
    string State,
    long CreatedAt,
    long? RevokedAt,
    int? RequestsPerMinute,
    int? MaxConcurrentJobs,
    IReadOnlyList<string>? AllowedModels,
    int WebhookSecretGeneration,
    long? WebhookSecretRotatedAt,
    [property: JsonPropertyName("leonardo_callback_url")] string? AccountCallbackUrl)
{
    public static AdminKeyView From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new AdminKeyView(
            key.Id, "api_key", key.Name, key.Role.ToString().ToLowerInvariant(), key.IsActive ? "active" : "revoked",
            key.CreatedAt.ToUnixTimeSeconds(), key.RevokedAt?.ToUnixTimeSeconds(),
            key.Limits.RequestsPerMinute, key.Limits.MaxConcurrentJobs, key.Limits.AllowedModels,
            key.WebhookSecretGeneration, key.WebhookSecretRotatedAt?.ToUnixTimeSeconds(), key.AccountCallbackUrl);
    }
}
