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

    public string Sign(string jobId, string variant, long expiresUnix)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac(jobId, variant, expiresUnix, mac);
        return Convert.ToHexStringLower(mac);
    }

    public bool Verify(string jobId, string variant, long expiresUnix, string? signature, DateTimeOffset now)
    {
        if (signature is null || signature.Length != 64 || expiresUnix < now.ToUnixTimeSeconds()) return false;
        byte[] presented;
        try { presented = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        Span<byte> expected = stackalloc byte[32];
        Mac(jobId, variant, expiresUnix, expected);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private void Mac(string jobId, string variant, long expiresUnix, Span<byte> destination)
    {
        var message = $"{jobId}\n{variant}\n{expiresUnix.ToString(CultureInfo.InvariantCulture)}";
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(message) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(message, buffer)] : Encoding.UTF8.GetBytes(message);
        HMACSHA256.HashData(_key, bytes, destination);
    }
}
