using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Api;

/// <summary>
/// Signed, expiring links to stored input images, <c>{PublicBaseUrl}/v1/inputs/{file}?exp=E&amp;sig=S</c>, for upstreams
/// that take images by URL only (Higgsfield). Links exist only when <see cref="ReelayOptions.PublicBaseUrl"/> is set:
/// an address guessed from the listening socket is not one an upstream on the internet could reach. Signed with
/// the result-link key under the variant "input", which the result endpoint never accepts, so neither kind of link
/// can stand for the other. Inputs are content-addressed, so a link reveals nothing but the image it names.
/// </summary>
public sealed class InputImageLinks(UrlSigner signer, IOptions<ReelayOptions> options)
{
    public const string Variant = "input";
    private const string InputsPrefix = "inputs/";

    private readonly TimeSpan _ttl = options.Value.Security.SignedUrlTtl;
    private readonly string? _base = options.Value.PublicBaseUrl?.TrimEnd('/');

    /// <summary>True when links can be built (Reelay:PublicBaseUrl is set).</summary>
    public bool Enabled => !string.IsNullOrEmpty(_base);

    /// <summary>The link to a stored input (<c>blob:inputs/...</c>), or null when links are off or the reference is no stored input.</summary>
    public string? Build(string reference, DateTimeOffset now)
    {
        if (!Enabled || BlobKeys.FromReference(reference) is not { } key || !key.StartsWith(InputsPrefix, StringComparison.Ordinal)) return null;
        var file = key[InputsPrefix.Length..];
        if (file.Contains('/', StringComparison.Ordinal)) return null;
        var exp = RoundUpToHour(now + _ttl).ToUnixTimeSeconds();
        return $"{_base}/v1/inputs/{file}?exp={exp}&sig={signer.Sign(key, Variant, exp)}";
    }

    /// <summary>The blob key a valid, unexpired link to <paramref name="file"/> stands for; null otherwise.</summary>
    public string? Verify(string file, long? exp, string? sig, DateTimeOffset now)
    {
        var key = InputsPrefix + file;
        if (exp is null || file.Contains('/', StringComparison.Ordinal) || !BlobKeys.IsValid(key)) return null;
        return signer.Verify(key, Variant, exp.Value, sig, now) ? key : null;
    }

    private static DateTimeOffset RoundUpToHour(DateTimeOffset t)
    {
        var ticks = TimeSpan.TicksPerHour;
        return new DateTimeOffset((t.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero);
    }
}
