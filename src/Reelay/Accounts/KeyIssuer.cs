namespace Reelay.Accounts;

/// <summary>Creates and revokes keys; the only place a secret exists in clear, once, to hand to the caller.</summary>
public sealed class KeyIssuer(IKeyStore keys, KeySecrets secrets, ApiKeyAuthenticator authenticator, TimeProvider time)
{
    public async Task<IssuedKey> CreateAsync(string name, ApiKeyRole role, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var secret = secrets.ApiSecret(id);
        var key = new ApiKey(id, name, role, KeySecrets.Hash(secret), time.GetUtcNow(), null);
        await keys.InsertAsync(key, ct).ConfigureAwait(false);
        return new IssuedKey(key, secret, ApiToken.Format(id, secret), secrets.WebhookSecret(id, key.WebhookSecretGeneration));
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        var revoked = await keys.RevokeAsync(id, time.GetUtcNow(), ct).ConfigureAwait(false);
        authenticator.Forget(id);
        return revoked;
    }
}
