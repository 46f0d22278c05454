using Reelay.Security;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// One upstream speaking Leonardo.ai's REST API (Leonardo itself, another Reelay, the Leonardo emulator). Leonardo
/// authenticates with one bearer token; it is sent only to <see cref="BaseUrl"/> (never to the presigned upload URL)
/// and is never logged nor reported.
/// </summary>
public sealed record LeonardoUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>leonardo</c>.</summary>
    public string Name { get; set; } = "leonardo";

    /// <summary>e.g. <c>https://cloud.leonardo.ai</c>; <c>/api/rest/v1/...</c> is appended.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The <c>Authorization: Bearer</c> token (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Per image upload to the presigned form URL (the body is up to 10 MB, so longer than an API call).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="Reelay.Upstreams.PollPlanner"/>).</summary>
    public Reelay.Upstreams.GenerationTimes GenerationTimes { get; set; } = Reelay.Upstreams.GenerationTimes.Fallback;

    /// <summary>Upper bound of the adaptive interval between status queries.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where an upload form on another host than <see cref="BaseUrl"/>'s may send the image: Reelay's outbound policy, so
    /// an upstream cannot steer the upload into a private network (SSRF). A form on BaseUrl's own scheme, host and port
    /// goes to the operator-configured destination and is not checked. Default: public addresses only.
    /// </summary>
    public OutboundPolicy UploadPolicy { get; set; } = new();

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("Leonardo upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Leonardo upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(ApiKey)) throw new InvalidOperationException($"Leonardo upstream '{Name}': the API key (AccessKey) is required");
        if (RequestTimeout <= TimeSpan.Zero || UploadTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException($"Leonardo upstream '{Name}': RequestTimeout and UploadTimeout must be positive");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"Leonardo upstream '{Name}': poll intervals must be positive");
    }
}
