namespace Reelay.Api;

/// <summary>Where a signed result link is going, which decides how long it must stay valid (see <see cref="ResultLinks.LifetimeFor"/>).</summary>
public enum LinkPurpose
{
    /// <summary>An API answer, read now: valid <c>Security:SignedUrlTtl</c>.</summary>
    Read,

    /// <summary>
    /// A webhook payload: composed at the transition but delivered by retries for up to
    /// <see cref="Webhooks.WebhookRetrySchedule.LongestSpan"/>, so valid that much longer.
    /// </summary>
    Webhook,
}
