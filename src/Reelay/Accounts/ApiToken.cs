using System.Diagnostics.CodeAnalysis;

namespace Reelay.Accounts;

/// <summary>
/// The single-string token used by Bearer and raw-header dialects: <c>rly_&lt;key id, 32 hex&gt;.&lt;secret&gt;</c>.
/// It carries both parts, so Higgsfield-style clients can instead send the id (as a UUID) and the secret separately.
/// </summary>
public static class ApiToken
{
    public const string Prefix = "rly_";

    public static string Format(Guid keyId, string secret) => $"{Prefix}{keyId:N}.{secret}";

    public static bool TryParse(string? token, out Guid keyId, [NotNullWhen(true)] out string? secret)
    {
        keyId = default;
        secret = null;
        if (token is null || !token.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var dot = token.IndexOf('.', Prefix.Length);
        if (dot < 0 || dot == token.Length - 1) return false;
        if (!Guid.TryParseExact(token.AsSpan(Prefix.Length, dot - Prefix.Length), "N", out keyId)) return false;
        secret = token[(dot + 1)..];
        return true;
    }
}
