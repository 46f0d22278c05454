using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Webhooks;

namespace Reelay.Api;

/// <summary>
/// Builds signed, expiring links to a job's result files: <c>{base}/v1/videos/{id}/content?variant=V&amp;exp=E&amp;sig=S</c>.
/// Expiry is rounded up to the hour so repeated reads within an hour return identical URLs (cache-friendly).
/// When the blob store offers direct links (<see cref="IBlobDownloadLinks"/>: S3 presigned URLs, Reelay:Blobs:S3:PresignResultLinks)
/// a stored job's links point at the bucket instead, with the same expiry, and the bytes never pass through Reelay —
/// unless the link must live longer than the backend allows, when it goes through Reelay so it keeps its promise.
/// A link is valid that long as far as its signature goes; retention (<c>Reelay:Retention:Results</c>) may delete the
/// files earlier.
/// </summary>
public sealed class ResultLinks(UrlSigner signer, IOptions<ReelayOptions> options, IBlobDownloadLinks? direct = null)
{
    private readonly TimeSpan _ttl = options.Value.Security.SignedUrlTtl;

    /// <summary>
    /// How long a link for <paramref name="purpose"/> stays valid: <c>Security:SignedUrlTtl</c>, or the provider's own
    /// result-URL lifetime when a dialect promises a longer one (Kling: 30 days), plus, in a webhook payload, the
    /// longest the retries can take, so the last attempt still delivers live links.
    /// </summary>
    public TimeSpan LifetimeFor(LinkPurpose purpose, TimeSpan? providerLifetime = null)
    {
        var read = providerLifetime is { } p && p > _ttl ? p : _ttl;
        return purpose == LinkPurpose.Webhook ? read + WebhookRetrySchedule.LongestSpan : read;
    }

    /// <summary>The link to <paramref name="variant"/> of <paramref name="job"/>: direct to storage when configured and stored, else through Reelay.</summary>
    public string Build(string baseUrl, VideoJob job, string variant, DateTimeOffset now) => Build(baseUrl, job, variant, now, _ttl);

    /// <summary>As above, valid <paramref name="lifetime"/> (see <see cref="LifetimeFor"/>).</summary>
    public string Build(string baseUrl, VideoJob job, string variant, DateTimeOffset now, TimeSpan lifetime) =>
        direct is not null && lifetime <= direct.MaxLifetime && job.Outputs?.Get(variant) is { } output
            ? direct.CreateDownloadUrl(output.BlobKey, ExpiresAt(now, lifetime))
            : Build(baseUrl, job.Id, variant, now, lifetime);

    public string Build(string baseUrl, string jobId, string variant, DateTimeOffset now) => Build(baseUrl, jobId, variant, now, _ttl);

    public string Build(string baseUrl, string jobId, string variant, DateTimeOffset now, TimeSpan lifetime)
    {
        var exp = ExpiresAt(now, lifetime).ToUnixTimeSeconds();
        return $"{baseUrl}/v1/videos/{jobId}/content?variant={variant}&exp={exp}&sig={signer.Sign(jobId, variant, exp)}";
    }

    public DateTimeOffset ExpiresAt(DateTimeOffset now) => ExpiresAt(now, _ttl);

    public static DateTimeOffset ExpiresAt(DateTimeOffset now, TimeSpan lifetime) => RoundUpToHour(now + lifetime);

    private static DateTimeOffset RoundUpToHour(DateTimeOffset t)
    {
        var ticks = TimeSpan.TicksPerHour;
        return new DateTimeOffset((t.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero);
    }
}
