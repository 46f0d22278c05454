using Reelay.Providers.Kling.Contract;
using Reelay.Security;

namespace Reelay.Providers.Kling.Emulator;

/// <summary>
/// Kling's JWT check for the emulator's single account: Bearer HS256 token, <c>iss</c> = access key, signed with
/// the secret key, <c>nbf</c>/<c>exp</c> within <see cref="KlingAuthenticator.Skew"/>. Answers Kling's 401 codes.
/// </summary>
internal static class EmulatorAuth
{
    /// <summary>Null when the caller is authenticated; otherwise the Kling code and message.</summary>
    public static async Task<(int Code, string Message)?> CheckAsync(string? authorization, KlingEmulatorOptions options, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(options.AccessKey)) return null;
        var value = authorization?.Trim() ?? "";
        if (value.Length == 0 || value.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return (KlingErrorCodes.AuthEmpty, "Authorization is empty");
        if (!value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (KlingErrorCodes.AuthInvalid, "Authorization is not valid: expected 'Bearer <JWT>'");
        var token = value[7..].Trim();
        if (token.Length == 0) return (KlingErrorCodes.AuthEmpty, "Authorization is empty");
        var issuer = Hs256Jwt.ReadIssuer(token);
        if (issuer is null) return (KlingErrorCodes.AuthInvalid, "Authorization is not valid: not a JWT with an iss claim");
        if (!string.Equals(issuer, options.AccessKey, StringComparison.Ordinal))
            return (KlingErrorCodes.AuthFailed, "Auth failed: unknown access key");

        var validation = await Hs256Jwt.ValidateAsync(token, options.SecretKey, now, KlingAuthenticator.Skew).ConfigureAwait(false);
        return validation switch
        {
            JwtValidation.Valid => null,
            JwtValidation.NotYetValid => (KlingErrorCodes.AuthNotYetValid, "Authorization is not yet valid (nbf is in the future)"),
            JwtValidation.Expired => (KlingErrorCodes.AuthExpired, "Authorization has expired (exp has passed)"),
            JwtValidation.BadSignature => (KlingErrorCodes.AuthInvalid, "Authorization is not valid: signature verification failed"),
            _ => (KlingErrorCodes.AuthInvalid, "Authorization is not valid: malformed JWT (HS256 with iss and exp required)"),
        };
    }
}
