using System.Globalization;
using Reelay.Security;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// The signed form fields of a hosted init-image upload (Reelay's stand-in for an S3 presigned POST policy):
/// <c>key</c>, <c>Content-Type</c>, <c>x-reelay-expires</c> (unix s) and <c>x-reelay-signature</c>, an HMAC over the
/// upload id and expiry made with the node's URL-signing key. Without a valid, unexpired signature the upload route
/// accepts nothing, so it needs no API key; the signature cannot be replayed on result links (different purpose label).
/// </summary>
public sealed class LeonardoUploadPolicy(UrlSigner signer)
{
    public const string KeyField = "key";
    public const string ExpiresField = "x-reelay-expires";
    public const string SignatureField = "x-reelay-signature";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private const string Purpose = "leonardo-init-image";

    public static string KeyFor(string id, string extension) => $"init-images/{id}.{extension}";

    public Dictionary<string, string> Fields(string id, string extension, DateTimeOffset expiresAt)
    {
        var exp = expiresAt.ToUnixTimeSeconds();
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [KeyField] = KeyFor(id, extension),
            ["Content-Type"] = extension is "jpg" or "jpeg" ? "image/jpeg" : $"image/{extension}",
            [ExpiresField] = exp.ToString(CultureInfo.InvariantCulture),
            [SignatureField] = signer.Sign(id, Purpose, exp),
        };
    }

    /// <summary>Whether the presented fields are the ones issued for upload <paramref name="id"/> and have not expired.</summary>
    public bool Verify(string id, string extension, string? key, string? expires, string? signature, DateTimeOffset now) =>
        string.Equals(key, KeyFor(id, extension), StringComparison.Ordinal) &&
        long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var exp) &&
        signer.Verify(id, Purpose, exp, signature, now);
}
