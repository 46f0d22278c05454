using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Reelay.Accounts;

namespace Reelay.WebConsole;

/// <summary>
/// The console's sign-in: an API key presented once on the sign-in form, then an encrypted HTTP-only cookie naming
/// the key. Every request re-reads the key, so a revoked key or a rotated secret ends the session at once; the
/// cookie never holds the secret itself.
/// </summary>
public sealed class ConsoleSession(ApiKeyAuthenticator authenticator, IKeyStore keys)
{
    /// <summary>Checks the presented token and, when it names an active key, writes the session cookie. Null when refused.</summary>
    public async Task<ApiKey?> SignInAsync(HttpContext http, string? token)
    {
        var key = await authenticator.AuthenticateTokenAsync(token?.Trim(), http.RequestAborted);
        if (key is null) return null;
        var identity = new ClaimsIdentity(
            [
                new Claim(ConsoleAuth.KeyIdClaim, key.Id.ToString("D")),
                new Claim(ConsoleAuth.SecretClaim, Fingerprint(key)),
                new Claim(ClaimTypes.Name, key.Name),
            ],
            ConsoleAuth.Scheme);
        await http.SignInAsync(ConsoleAuth.Scheme, new ClaimsPrincipal(identity));
        return key;
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(ConsoleAuth.Scheme);

    /// <summary>The signed-in key, or null (no cookie, a revoked key, or a secret rotated since sign-in).</summary>
    public async Task<ApiKey?> CurrentAsync(HttpContext http)
    {
        // The layout and the page both ask; the store is read once per request.
        if (http.Items.TryGetValue(ItemKey, out var cached)) return cached as ApiKey;
        var key = await ResolveAsync(http);
        http.Items[ItemKey] = key;
        return key;
    }

    private async Task<ApiKey?> ResolveAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(ConsoleAuth.Scheme);
        if (!result.Succeeded) return null;
        var principal = result.Principal;
        if (!Guid.TryParse(principal.FindFirstValue(ConsoleAuth.KeyIdClaim), out var id)) return null;
        var key = await keys.GetAsync(id, http.RequestAborted);
        if (key is null || !key.IsActive) return null;
        return string.Equals(principal.FindFirstValue(ConsoleAuth.SecretClaim), Fingerprint(key), StringComparison.Ordinal) ? key : null;
    }

    private const string ItemKey = "reelay.console.key";

    private static string Fingerprint(ApiKey key) => Convert.ToHexStringLower(SHA256.HashData(key.SecretHash))[..16];
}
