namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// One upstream speaking Highway's async API (Highway itself, a Novita-layout service, another Reelay, the Highway
/// emulator). The credential is one API key sent as <c>Authorization: Bearer</c>; it is never logged nor reported.
/// </summary>
public sealed record HighwayUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>highway</c>.</summary>
    public string Name { get; set; } = "highway";

    /// <summary>e.g. <c>https://api.highway.example</c>; paths <c>/v3/async/...</c> are appended.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The Bearer token (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// Reelay's public base URL (Reelay:PublicBaseUrl). When set, each task is created with
    /// <c>extra.webhook.url = {PublicBaseUrl}/v1/upstream-callbacks/highway/{jobId}</c>; the webhook is only a hint that makes the next status query happen now, never a result.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="Reelay.Upstreams.PollPlanner"/>).</summary>
    public Reelay.Upstreams.GenerationTimes GenerationTimes { get; set; } = Reelay.Upstreams.GenerationTimes.Fallback;

    /// <summary>Upper bound of the interval between status queries, whatever eta the upstream announces.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("Highway upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Highway upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(ApiKey)) throw new InvalidOperationException($"Highway upstream '{Name}': AccessKey (the Bearer API key) is required");
        if (PublicBaseUrl is { Length: > 0 } p && (!Uri.TryCreate(p, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"Highway upstream '{Name}': PublicBaseUrl must be an absolute http(s) URL");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"Highway upstream '{Name}': RequestTimeout must be positive");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"Highway upstream '{Name}': poll intervals must be positive");
    }
}
