using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reelay.Emulation;

/// <summary>
/// Signed, expiring result links <c>/results/{task_id}.mp4?exp=..&amp;sig=..</c>: HMAC-SHA256 over task id and expiry
/// with a key made fresh per emulator, so links from another instance never verify.
/// </summary>
internal sealed class ResultLinks
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Path(string taskId, long expiresUnix) =>
        $"/results/{Uri.EscapeDataString(taskId)}.mp4?exp={expiresUnix.ToString(CultureInfo.InvariantCulture)}&sig={Sign(taskId, expiresUnix)}";

    public bool Verify(string taskId, long expiresUnix, string? signature)
    {
        if (signature is null || signature.Length != 64) return false;
        byte[] presented;
        try { presented = Convert.FromHexString(signature); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(Sign(taskId, expiresUnix)));
    }

    private string Sign(string taskId, long expiresUnix) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{taskId}\n{expiresUnix.ToString(CultureInfo.InvariantCulture)}")));
}
