using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reelay.Security;

/// <summary>
/// Minimal HS256 JSON Web Tokens as the Kling API uses them: header <c>{"alg":"HS256","typ":"JWT"}</c>, claims
/// <c>iss</c> (access key), <c>exp</c> and <c>nbf</c> (unix seconds). Minting serves the outbound Kling engine;
/// validation serves the inbound Kling dialect. Signatures are compared in constant time; only HS256 is accepted.
/// </summary>
public static class Hs256Jwt
{
    private static readonly byte[] HeaderSegment = Encoding.ASCII.GetBytes(Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8));

    public static string Create(string issuer, string secret, DateTimeOffset now, TimeSpan lifetime, TimeSpan notBeforeSkew)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
            ["nbf"] = (now - notBeforeSkew).ToUnixTimeSeconds(),
        });
        var signingInput = Encoding.ASCII.GetString(HeaderSegment) + "." + Base64Url.EncodeToString(claims);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads the unverified <c>iss</c> claim (to find whose secret verifies the token). Null when malformed.</summary>
    public static string? ReadIssuer(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return null;
        try
        {
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.ValueKind == JsonValueKind.Object && claims.RootElement.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String
                ? iss.GetString()
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Checks signature, algorithm, <c>exp</c> and <c>nbf</c> (each with <paramref name="skew"/>).</summary>
    public static JwtValidation Validate(string token, string secret, DateTimeOffset now, TimeSpan skew)
    {
        var parts = token.Split('.');
        if (parts.Length != 3) return JwtValidation.Malformed;
        try
        {
            using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                if (header.RootElement.ValueKind != JsonValueKind.Object ||
                    !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "HS256")
                    return JwtValidation.Malformed;
            }
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            var presented = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(expected, presented)) return JwtValidation.BadSignature;

            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = claims.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return JwtValidation.Malformed;
            if (root.TryGetProperty("nbf", out var nbf) && nbf.ValueKind != JsonValueKind.Number) return JwtValidation.Malformed;
            if (root.TryGetProperty("nbf", out nbf) && nbf.TryGetInt64(out var notBefore) &&
                DateTimeOffset.FromUnixTimeSeconds(notBefore) > now + skew)
                return JwtValidation.NotYetValid;
            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expires)) return JwtValidation.Malformed;
            if (DateTimeOffset.FromUnixTimeSeconds(expires) < now - skew) return JwtValidation.Expired;
            return JwtValidation.Valid;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            return JwtValidation.Malformed;
        }
    }
}
