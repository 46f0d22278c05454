using System.Security.Cryptography;
using System.Text;
using Reelay.Accounts;
using Reelay.Security;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>Kling access tokens for a Reelay key: minted with Reelay's helper, or by hand as a Kling SDK does.</summary>
public static class KlingTokens
{
    /// <summary>A valid token as the Kling docs mint it: exp = now + 1800 s, nbf = now − 5 s.</summary>
    public static string For(IssuedKey key) => Hs256Jwt.Create(key.Key.Id.ToString("D"), key.Secret, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1800), TimeSpan.FromSeconds(5));

    public static string Create(string issuer, string secret, DateTimeOffset now, TimeSpan lifetime) =>
        Hs256Jwt.Create(issuer, secret, now, lifetime, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Built without Reelay's code — header, claims and HMAC-SHA256 assembled by hand with a different claim
    /// order and extra whitespace-free JSON — to show any standard HS256 implementation interoperates.
    /// </summary>
    public static string HandRolled(string issuer, string secret)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}");
        var claims = B64($"{{\"nbf\":{now - 5},\"iss\":\"{issuer}\",\"exp\":{now + 1800}}}");
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var sig = Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(header + "." + claims)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return header + "." + claims + "." + sig;
    }

    private static string B64(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
