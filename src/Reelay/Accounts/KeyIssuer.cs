namespace Reelay.Accounts;

/// <summary>
/// Creates, changes and revokes keys; the only place a secret exists in clear, once, to hand to the caller. Every
/// change drops the key from this node's authentication cache, so it applies here at once (elsewhere within
/// <see cref="ApiKeyAuthenticator.CacheTtl"/>).
/// </summary>
public sealed class KeyIssuer(IKeyStore keys, KeySecrets secrets, ApiKeyAuthenticator authenticator, TimeProvider time)
{
    public Task<IssuedKey> CreateAsync(string name, ApiKeyRole role, CancellationToken ct) => CreateAsync(name, role, KeyLimits.None, ct);

    public async Task<IssuedKey> CreateAsync(string name, ApiKeyRole role, KeyLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var id = Guid.NewGuid();
        var secret = secrets.ApiSecret(id);
        var key = new ApiKey(id, name, role, KeySecrets.Hash(secret), time.GetUtcNow(), null) { Limits = limits };
        await keys.InsertAsync(key, ct).ConfigureAwait(false);
        return new IssuedKey(key, secret, ApiToken.Format(id, secret), secrets.WebhookSecret(id, key.WebhookSecretGeneration));
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var revoked = await keys.RevokeAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false);
        authenticator.Forget(id);
        return revoked;
    }

    /// <summary>Applies <paramref name="patch"/> to the key's name and limits; the updated key, or null when it does not exist.</summary>
    public async Task<ApiKey?> UpdateSettingsAsync(Guid id, KeySettingsPatch patch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var key = await keys.GetAsync(id, ct).ConfigureAwait(false);
        if (key is null) return null;
        var (name, limits) = patch.ApplyTo(key.Name, key.Limits);
        if (!await keys.UpdateSettingsAsync(id, name, limits, ct).ConfigureAwait(false)) return null;
        authenticator.Forget(id);
        return await keys.GetAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves the key to a new webhook signing secret; the previous one keeps signing for the grace period
    /// (see <c>WebhookSecretRotation</c>). Null when the key does not exist or is revoked.
    /// </summary>
    public async Task<RotatedWebhookSecret?> RotateWebhookSecretAsync(Guid id, CancellationToken ct)
    {
        var rotated = await keys.RotateWebhookSecretAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (rotated is null) return null;
        authenticator.Forget(id);
        return new RotatedWebhookSecret(rotated, secrets.WebhookSecret(id, rotated.WebhookSecretGeneration));
    }
}
