namespace Reelay.Accounts;

/// <summary>
/// An API key as stored. Only the SHA-256 of the secret is kept; the secret itself is derived from the
/// node's master key (see <see cref="KeySecrets"/>) so dialects that sign with it (Kling JWT) can verify.
/// </summary>
/// <param name="AccountCallbackUrl">Where jobs created through a dialect that configures callbacks per account, not per
/// request (Leonardo's), report completion; copied onto each job when it is created.</param>
/// <param name="AccountCallbackKey">Optional; sent as <c>authorization: Bearer &lt;key&gt;</c> with those callbacks.</param>
public sealed record ApiKey(
    Guid Id,
    string Name,
    ApiKeyRole Role,
    byte[] SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    int WebhookSecretGeneration = 1,
    string? AccountCallbackUrl = null,
    string? AccountCallbackKey = null)
{
    public bool IsActive => RevokedAt is null;

    /// <summary>Rate, concurrency and model limits; <see cref="KeyLimits.None"/> unless set.</summary>
    public KeyLimits Limits { get; init; } = KeyLimits.None;

    /// <summary>
    /// When <see cref="WebhookSecretGeneration"/> last advanced; until the grace period after it ends, webhooks are
    /// signed with the previous generation too. Null when the secret was never rotated.
    /// </summary>
    public DateTimeOffset? WebhookSecretRotatedAt { get; init; }
}
