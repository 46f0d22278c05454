namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// One upstream that speaks HyprLab's video API (HyprLab itself, another Reelay's <c>/compat/hyprlab</c>, the
/// HyprLab emulator). HyprLab authenticates with one bearer key; it is never logged nor reported, and is sent only
/// to the upstream's own origin (a polling URL elsewhere is refused).
/// </summary>
public sealed record HyprLabUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>hyprlab</c>.</summary>
    public string Name { get; set; } = "hyprlab";

    /// <summary>e.g. <c>https://api.hyprlab.io</c>; <c>/v1/video/generations</c> is appended.</summary>
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="Reelay.Upstreams.PollPlanner"/>).</summary>
    public Reelay.Upstreams.GenerationTimes GenerationTimes { get; set; } = Reelay.Upstreams.GenerationTimes.Fallback;

    /// <summary>Upper bound of the adaptive interval between status queries.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("HyprLab upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"HyprLab upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(ApiKey)) throw new InvalidOperationException($"HyprLab upstream '{Name}': the API key (AccessKey) is required");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"HyprLab upstream '{Name}': RequestTimeout must be positive");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"HyprLab upstream '{Name}': poll intervals must be positive");
    }
}
