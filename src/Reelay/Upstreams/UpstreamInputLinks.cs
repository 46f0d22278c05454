using System.Globalization;
using Reelay.Security;

namespace Reelay.Upstreams;

/// <summary>
/// Signed, expiring links through which an upstream that takes images only by URL (APIFrame) fetches a job's stored
/// start or end image: <c>{base}/v1/upstream-inputs/{jobId}/{slot}?exp=E&amp;sig=S</c>. The signature covers the
/// job id, the slot and the expiry under a purpose label of its own, so a link opens exactly one image of one job
/// and can never be replayed as a result link (or the other way round). Links live <see cref="Lifetime"/>: long
/// enough for an upstream that queues or retries a task for hours.
/// </summary>
public sealed class UpstreamInputLinks(UrlSigner signer)
{
    public const string StartSlot = "start";
    public const string EndSlot = "end";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const string Purpose = "upstream-input:";

    public static bool IsSlot(string slot) => slot is StartSlot or EndSlot;

    public string Build(string publicBaseUrl, string jobId, string slot, DateTimeOffset now)
    {
        var exp = (now + Lifetime).ToUnixTimeSeconds();
        return $"{publicBaseUrl.TrimEnd('/')}/v1/upstream-inputs/{Uri.EscapeDataString(jobId)}/{slot}" +
               $"?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={signer.Sign(jobId, Purpose + slot, exp)}";
    }

    public bool Verify(string jobId, string slot, long expiresUnix, string? signature, DateTimeOffset now) =>
        IsSlot(slot) && signer.Verify(jobId, Purpose + slot, expiresUnix, signature, now);
}
