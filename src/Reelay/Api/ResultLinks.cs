using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Security;

namespace Reelay.Api;

/// <summary>
/// Builds signed, expiring links to a job's result files: <c>{base}/v1/videos/{id}/content?variant=V&amp;exp=E&amp;sig=S</c>.
/// Expiry is rounded up to the hour so repeated reads within an hour return identical URLs (cache-friendly).
/// </summary>
public sealed class ResultLinks(UrlSigner signer, IOptions<ReelayOptions> options)
{
    private readonly TimeSpan _ttl = options.Value.Security.SignedUrlTtl;

    public string Build(string baseUrl, string jobId, string variant, DateTimeOffset now)
    {
        var exp = RoundUpToHour(now + _ttl).ToUnixTimeSeconds();
        return $"{baseUrl}/v1/videos/{jobId}/content?variant={variant}&exp={exp}&sig={signer.Sign(jobId, variant, exp)}";
    }

    public DateTimeOffset ExpiresAt(DateTimeOffset now) => RoundUpToHour(now + _ttl);

    private static DateTimeOffset RoundUpToHour(DateTimeOffset t)
    {
        var ticks = TimeSpan.TicksPerHour;
        return new DateTimeOffset((t.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero);
    }
}
