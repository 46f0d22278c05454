namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// One upstream that speaks APIFrame's Kling API (APIFrame itself, another Reelay, the APIFrame emulator).
/// APIFrame authenticates with one raw API key (<c>Authorization: &lt;key&gt;</c>, no scheme); it is never logged
/// nor reported.
/// </summary>
public sealed record ApiFrameUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>apiframe</c>.</summary>
    public string Name { get; set; } = "apiframe";

    /// <summary>e.g. <c>https://api.apiframe.pro</c>; paths <c>/kling-imagine</c> and <c>/fetch</c> are appended.</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reelay's public base URL. When set, each task is created with
    /// <c>webhook_url = {PublicBaseUrl}/v1/upstream-callbacks/apiframe/{jobId}</c> (hints that trigger a re-poll,
    /// never a result), and stored start/end images are passed as signed Reelay links. When null, image-to-video
    /// jobs cannot be relayed: APIFrame takes images only by URL.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="Reelay.Upstreams.PollPlanner"/>).</summary>
    public Reelay.Upstreams.GenerationTimes GenerationTimes { get; set; } = Reelay.Upstreams.GenerationTimes.Fallback;

    /// <summary>Upper bound of the adaptive interval between status queries.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("APIFrame upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"APIFrame upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(ApiKey)) throw new InvalidOperationException($"APIFrame upstream '{Name}': the API key (AccessKey) is required");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"APIFrame upstream '{Name}': RequestTimeout must be positive");
        if (PublicBaseUrl is { Length: > 0 } p && (!Uri.TryCreate(p, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"APIFrame upstream '{Name}': PublicBaseUrl must be an absolute http(s) URL");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"APIFrame upstream '{Name}': poll intervals must be positive");
    }
}
