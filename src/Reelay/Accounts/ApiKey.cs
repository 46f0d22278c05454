namespace Reelay.Accounts;

/// <summary>
/// An API key as stored. Only the SHA-256 of the secret is kept; the secret itself is derived from the
/// node's master key (see <see cref="KeySecrets"/>) so dialects that sign with it (Kling JWT) can verify.
/// </summary>
public sealed record ApiKey(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    int WebhookSecretGeneration = 1)
{
    public bool IsActive => RevokedAt is null;
}
