using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Reelay.Security;

/// <summary>
/// HS256 JSON Web Tokens as the Kling API uses them: header <c>{"alg":"HS256","typ":"JWT"}</c>, claims <c>iss</c>
/// (access key), <c>exp</c> and <c>nbf</c> (unix seconds). Minting serves the outbound Kling engine and takes a secret
/// of any length, as Kling's own examples do; validation serves the inbound Kling dialect and the emulator, and runs
/// on Microsoft.IdentityModel.JsonWebTokens. Only HS256 is accepted.
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

    /// <summary>
    /// Reads the unverified <c>iss</c> claim (to find whose secret verifies the token). Null when the token is malformed,
    /// is not HS256, or has no string <c>iss</c>.
    /// </summary>
    public static string? ReadIssuer(string token) =>
        TryRead(token) is { Alg: SecurityAlgorithms.HmacSha256 } jwt && jwt.TryGetClaim("iss", out var iss) && iss.ValueType == ClaimValueTypes.String
            ? iss.Value
            : null;

    /// <summary>Shortest secret the validator accepts: HS256 needs a key of 256 bits (Kling's secret keys have 32 characters).</summary>
    public const int MinimumSecretBytes = 32;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    /// <summary>
    /// Checks the algorithm (HS256 only: <c>none</c> and every other one is malformed), the signature (constant time, by
    /// Microsoft.IdentityModel.JsonWebTokens), then <c>nbf</c> and <c>exp</c> against <paramref name="now"/>, each with
    /// <paramref name="skew"/>. <c>exp</c> is required. A secret shorter than <see cref="MinimumSecretBytes"/> verifies nothing.
    /// </summary>
    public static async Task<JwtValidation> ValidateAsync(string token, string secret, DateTimeOffset now, TimeSpan skew)
    {
        if (TryRead(token) is not { } jwt || jwt.Alg != SecurityAlgorithms.HmacSha256) return JwtValidation.Malformed;
        var key = Encoding.UTF8.GetBytes(secret);
        if (key.Length < MinimumSecretBytes) return JwtValidation.BadSignature;

        var result = await Handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(key),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidateIssuer = false,
            ValidateAudience = false,
            // Lifetime is judged below on Reelay's clock, so each failure keeps its own Kling error code.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        }).ConfigureAwait(false);
        if (!result.IsValid)
            return result.Exception is SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException
                ? JwtValidation.BadSignature
                : JwtValidation.Malformed;

        if (!TryReadTime(jwt, "exp", out var expires) || expires is null) return JwtValidation.Malformed;
        if (!TryReadTime(jwt, "nbf", out var notBefore)) return JwtValidation.Malformed;
        if (notBefore > now + skew) return JwtValidation.NotYetValid;
        if (expires < now - skew) return JwtValidation.Expired;
        return JwtValidation.Valid;
    }

    private static JsonWebToken? TryRead(string token)
    {
        try
        {
            return Handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>A NumericDate claim: false when present but not a number; <paramref name="at"/> null when absent.</summary>
    private static bool TryReadTime(JsonWebToken jwt, string claim, out DateTimeOffset? at)
    {
        at = null;
        if (!jwt.TryGetClaim(claim, out var value)) return true;
        if (value.ValueType is not (ClaimValueTypes.Integer or ClaimValueTypes.Integer32 or ClaimValueTypes.Integer64 or ClaimValueTypes.Double)
            || !double.TryParse(value.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            return false;
        at = DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        return true;
    }
}
