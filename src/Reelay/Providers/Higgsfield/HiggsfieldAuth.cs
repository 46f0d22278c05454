using Reelay.Accounts;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Higgsfield credentials: <c>hf-api-key</c> (the Reelay key id as a UUID) and <c>hf-secret</c> (the key's secret).
/// The newer SDK's single header <c>Authorization: Key &lt;id&gt;:&lt;secret&gt;</c> is accepted as well.
/// </summary>
public static class HiggsfieldAuth
{
    public const string KeyHeader = "hf-api-key";
    public const string SecretHeader = "hf-secret";

    /// <summary>The caller's key, or null with the reason to show (never which part was wrong beyond "missing").</summary>
    public static async Task<(ApiKey? Key, string? Failure)> AuthenticateAsync(HttpRequest request, ApiKeyAuthenticator authenticator)
    {
        var id = request.Headers[KeyHeader].ToString();
        var secret = request.Headers[SecretHeader].ToString();
        if (id.Length == 0 && secret.Length == 0 && request.Headers.Authorization.ToString() is { } auth &&
            auth.StartsWith("Key ", StringComparison.OrdinalIgnoreCase) && auth.IndexOf(':', 4) is > 4 and var colon)
        {
            id = auth[4..colon].Trim();
            secret = auth[(colon + 1)..].Trim();
        }
        if (id.Length == 0 || secret.Length == 0)
            return (null, $"Missing credentials: send the '{KeyHeader}' and '{SecretHeader}' headers");
        if (!Guid.TryParse(id, out var keyId)) return (null, "Invalid credentials");
        var key = await authenticator.AuthenticateAsync(keyId, secret, request.HttpContext.RequestAborted);
        return key is null ? (null, "Invalid credentials") : (key, null);
    }
}
