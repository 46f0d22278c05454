using System.Security.Cryptography;
using System.Text;

namespace Reelay.Accounts;

/// <summary>
/// Derives per-key secrets from the node's master key, so the database holds only hashes:
/// a leaked database reveals no secret, yet HMAC-based dialects (Kling JWT HS256) can still be verified
/// by re-deriving the secret. All nodes of a cluster must share the master key.
/// </summary>
public sealed class KeySecrets(byte[] masterKey)
{
    private readonly byte[] _masterKey = masterKey.Length >= 32
        ? masterKey
        : throw new ArgumentException("master key must be at least 32 bytes", nameof(masterKey));

    /// <summary>The API secret of a key (base64url, 43 chars).</summary>
    public string ApiSecret(Guid keyId) => Derive($"api-secret:{keyId:D}");

    /// <summary>The Standard Webhooks signing secret of a key for one rotation generation, as <c>whsec_...</c>.</summary>
    public string WebhookSecret(Guid keyId, int generation) =>
        "whsec_" + Convert.ToBase64String(DeriveBytes($"webhook-secret:{keyId:D}:{generation}"));

    /// <summary>SHA-256 of a secret, the only form stored.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Constant-time check of a presented secret against the stored hash.</summary>
    public static bool Matches(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    /// <summary>Key for signing result URLs (HMAC); distinct from every per-key secret.</summary>
    public byte[] UrlSigningKey() => DeriveBytes("url-signing");

    private string Derive(string label) => Base64Url(DeriveBytes(label));

    private byte[] DeriveBytes(string label) => HMACSHA256.HashData(_masterKey, Encoding.UTF8.GetBytes(label));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
