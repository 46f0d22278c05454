using System.Collections.Concurrent;

namespace Reelay.Accounts;

/// <summary>
/// Resolves presented credentials to an active key. Secrets are compared as SHA-256 hashes in constant time.
/// Keys are cached for <see cref="CacheTtl"/> to keep the store off the hot path, so a revocation takes
/// effect on other nodes within that time (immediately on the node that revoked it).
/// </summary>
public sealed class ApiKeyAuthenticator(IKeyStore keys, TimeProvider time)
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Guid, (ApiKey? Key, DateTimeOffset Until)> _cache = new();

    /// <summary>Accepts <c>Bearer rly_...</c> or a bare <c>rly_...</c> token (raw-header dialects).</summary>
    public Task<ApiKey?> AuthenticateTokenAsync(string? header, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(header)) return Task.FromResult<ApiKey?>(null);
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header.Trim();
        return ApiToken.TryParse(token, out var id, out var secret)
            ? AuthenticateAsync(id, secret, ct)
            : Task.FromResult<ApiKey?>(null);
    }

    public async Task<ApiKey?> AuthenticateAsync(Guid keyId, string secret, CancellationToken ct)
    {
        var key = await GetKeyAsync(keyId, ct).ConfigureAwait(false);
        if (key is null || !key.IsActive) return null;
        return KeySecrets.Matches(secret, key.SecretHash) ? key : null;
    }

    /// <summary>Drops a key from this node's cache (after revoke or change).</summary>
    public void Forget(Guid keyId) => _cache.TryRemove(keyId, out _);

    private async Task<ApiKey?> GetKeyAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(id, out var hit) && hit.Until > now) return hit.Key;
        var key = await keys.GetAsync(id, ct).ConfigureAwait(false);
        if (_cache.Count > 100_000) _cache.Clear();
        _cache[id] = (key, now + CacheTtl);
        return key;
    }
}
