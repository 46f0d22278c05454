using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reelay.Accounts;

namespace Reelay.Security;

/// <summary>
/// Signs result links so they work without an API key until they expire: HMAC-SHA256 over
/// "{jobId}\n{variant}\n{expiresUnix}" with a key derived from the master key. Verification is constant-time.
/// </summary>
public sealed class UrlSigner(KeySecrets secrets)
{
    private readonly byte[] _key = secrets.UrlSigningKey();

    public string Sign(string jobId, string variant, long expiresUnix) =>
        Convert.ToHexStringLower(Mac(jobId, variant, expiresUnix));

    public bool Verify(string jobId, string variant, long expiresUnix, string? signature, DateTimeOffset now)
    {
        if (signature is null || signature.Length != 64 || expiresUnix < now.ToUnixTimeSeconds()) return false;
        byte[] presented;
        try { presented = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(presented, Mac(jobId, variant, expiresUnix));
    }

    private byte[] Mac(string jobId, string variant, long expiresUnix) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{jobId}\n{variant}\n{expiresUnix.ToString(CultureInfo.InvariantCulture)}"));
}
