using Reelay.Accounts;
using Reelay.Providers.Kling.Contract;
using Reelay.Security;

namespace Reelay.Providers.Kling;

/// <summary>
/// Kling's auth: <c>Authorization: Bearer &lt;JWT&gt;</c>, HS256, <c>iss</c> = the Reelay key id (UUID, with or
/// without hyphens), signed with that key's secret (re-derived from the master key, never stored). <c>nbf</c>
/// and <c>exp</c> are checked with <see cref="Skew"/>. Strict on purpose: a plain Reelay token (<c>rly_...</c>)
/// is not accepted here, so a client that works against Reelay also works against Kling.
/// </summary>
public sealed class KlingAuthenticator(ApiKeyAuthenticator keys, KeySecrets secrets, TimeProvider time)
{
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(10);

    public async Task<KlingAuthResult> AuthenticateAsync(string? authorization, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            return KlingAuthResult.Fail(KlingErrorCodes.AuthEmpty, "Authorization is empty");
        var value = authorization.Trim();
        if (value.Equals("Bearer", StringComparison.OrdinalIgnoreCase)) return KlingAuthResult.Fail(KlingErrorCodes.AuthEmpty, "Authorization is empty");
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return KlingAuthResult.Fail(KlingErrorCodes.AuthInvalid, "Authorization is not valid: expected 'Bearer <JWT>'");
        var token = value[7..].Trim();
        if (token.Length == 0) return KlingAuthResult.Fail(KlingErrorCodes.AuthEmpty, "Authorization is empty");

        var issuer = Hs256Jwt.ReadIssuer(token);
        if (issuer is null) return KlingAuthResult.Fail(KlingErrorCodes.AuthInvalid, "Authorization is not valid: not a JWT with an iss claim");
        // The access key is the key id; an unknown or revoked one is "auth failed", checked before the signature
        // (the secret of a key that does not exist cannot be derived meaningfully).
        if (!Guid.TryParse(issuer, out var keyId))
            return KlingAuthResult.Fail(KlingErrorCodes.AuthFailed, "Auth failed: unknown access key");
        var secret = secrets.ApiSecret(keyId);
        var key = await keys.AuthenticateAsync(keyId, secret, ct).ConfigureAwait(false);
        if (key is null) return KlingAuthResult.Fail(KlingErrorCodes.AuthFailed, "Auth failed: unknown or revoked access key");

        var validation = await Hs256Jwt.ValidateAsync(token, secret, time.GetUtcNow(), Skew).ConfigureAwait(false);
        return validation switch
        {
            JwtValidation.Valid => KlingAuthResult.Ok(key),
            JwtValidation.NotYetValid => KlingAuthResult.Fail(KlingErrorCodes.AuthNotYetValid, "Authorization is not yet valid (nbf is in the future)"),
            JwtValidation.Expired => KlingAuthResult.Fail(KlingErrorCodes.AuthExpired, "Authorization has expired (exp has passed)"),
            JwtValidation.BadSignature => KlingAuthResult.Fail(KlingErrorCodes.AuthInvalid, "Authorization is not valid: signature verification failed"),
            _ => KlingAuthResult.Fail(KlingErrorCodes.AuthInvalid, "Authorization is not valid: malformed JWT (HS256 with iss and exp required)"),
        };
    }
}
