namespace Reelay.Client;

/// <summary>The outcome of checking a webhook's Standard Webhooks signature.</summary>
public enum WebhookVerificationResult
{
    /// <summary>A signature matched one of the secrets and the timestamp is within tolerance.</summary>
    Valid,
    /// <summary>The <c>webhook-id</c>, <c>webhook-timestamp</c> or <c>webhook-signature</c> header is missing or empty.</summary>
    MissingHeaders,
    /// <summary>The <c>webhook-timestamp</c> is not a unix-seconds integer.</summary>
    InvalidTimestamp,
    /// <summary>The timestamp is further from now than the tolerance: a replayed or badly delayed message.</summary>
    TimestampOutOfTolerance,
    /// <summary>No <c>v1</c> signature matches any secret: forged, tampered with, or signed with another secret.</summary>
    SignatureMismatch,
}
