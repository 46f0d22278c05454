namespace Reelay.Accounts;

/// <summary>Durable API keys. Implemented by each job store backend (same database, same transactions).</summary>
public interface IKeyStore
{
    Task InsertAsync(ApiKey key, CancellationToken ct);
    Task<ApiKey?> GetAsync(Guid id, CancellationToken ct);
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct);
    /// <summary>Marks the key revoked; false when it does not exist or was already revoked.</summary>
    Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct);
    Task<long> CountAsync(CancellationToken ct);
    /// <summary>Sets (or clears, with nulls) the key's account callback (used by dialects that configure callbacks per account, Leonardo's); false when the key does not exist.</summary>
    Task<bool> SetAccountCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct);
    /// <summary>Replaces the key's name and limits (revoked keys too); false when the key does not exist.</summary>
    Task<bool> UpdateSettingsAsync(Guid id, string name, KeyLimits limits, CancellationToken ct);
    /// <summary>
    /// Advances the key's webhook secret generation by one and records <paramref name="at"/> as the rotation time, in
    /// one atomic update (two concurrent rotations advance it twice). Returns the updated key; null when the key
    /// does not exist or is revoked.
    /// </summary>
    Task<ApiKey?> RotateWebhookSecretAsync(Guid id, DateTimeOffset at, CancellationToken ct);
}
