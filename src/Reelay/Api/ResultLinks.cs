using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Api;

/// <summary>
/// Builds signed, expiring links to a job's result files: <c>{base}/v1/videos/{id}/content?variant=V&amp;exp=E&amp;sig=S</c>.
/// Expiry is rounded up to the hour so repeated reads within an hour return identical URLs (cache-friendly).
/// When the blob store offers direct links (<see cref="IBlobDownloadLinks"/>: S3 presigned URLs, Reelay:Blobs:S3:PresignResultLinks)
/// a stored job's links point at the bucket instead, with the same expiry, and the bytes never pass through Reelay.
/// </summary>
public sealed class ResultLinks(UrlSigner signer, IOptions<ReelayOptions> options, IBlobDownloadLinks? direct = null)
{
    private readonly TimeSpan _ttl = options.Value.Security.SignedUrlTtl;

    /// <summary>The link to <paramref name="variant"/> of <paramref name="job"/>: direct to storage when configured and stored, else through Reelay.</summary>
    public string Build(string baseUrl, VideoJob job, string variant, DateTimeOffset now) =>
        direct is not null && job.Outputs?.Get(variant) is { } output
            ? direct.CreateDownloadUrl(output.BlobKey, ExpiresAt(now))
            : Build(baseUrl, job.Id, variant, now);

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
