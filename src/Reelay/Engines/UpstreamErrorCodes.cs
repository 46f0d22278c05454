namespace Reelay.Engines;

/// <summary>
/// Error codes upstream engines report besides <see cref="Jobs.JobErrorCodes"/>. The router reads them to
/// decide whether another upstream could succeed where this one failed.
/// </summary>
public static class UpstreamErrorCodes
{
    /// <summary>Retryable: 5xx, rate or concurrency limit, timeout, connection error, malformed answer.</summary>
    public const string Unavailable = "upstream_unavailable";

    /// <summary>Retryable elsewhere: this upstream's account is out of credit or quota; another upstream may serve the job.</summary>
    public const string Quota = "upstream_quota";

    /// <summary>Final for this upstream: it refused the credentials or has no permission for the model.</summary>
    public const string Auth = "upstream_auth";

    /// <summary>Final: the result's URL expired before it was stored and the upstream offers no fresh one.</summary>
    public const string ResultExpired = "upstream_result_expired";

    /// <summary>Final: the upstream pointed Reelay at a destination the outbound policy forbids (SSRF guard); nothing was sent there.</summary>
    public const string ForbiddenDestination = "upstream_forbidden_destination";
}
