namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// One upstream that speaks the official Kling API (Kling itself, another Reelay, the Kling emulator).
/// Credentials are the access/secret key pair Kling issues; the secret only ever signs tokens and is never
/// logged nor reported.
/// </summary>
public sealed record KlingUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>kling</c> or <c>kling-backup</c>.</summary>
    public string Name { get; set; } = "kling";

    /// <summary>e.g. <c>https://api-singapore.klingai.com</c>; paths <c>/v1/videos/...</c> are appended.</summary>
    public string BaseUrl { get; set; } = "";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of each minted JWT (Kling's documented 1800 s).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromSeconds(1800);

    /// <summary>A cached token is replaced this long before it expires, so no request carries a token about to lapse.</summary>
    public TimeSpan TokenRenewBefore { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// Reelay's public base URL. When set, each task is created with
    /// <c>callback_url = {CallbackBaseUrl}/v1/upstream-callbacks/kling/{jobId}</c>; callbacks are hints that
    /// trigger a re-query, never a result.
    /// </summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="Reelay.Upstreams.PollPlanner"/>).</summary>
    public Reelay.Upstreams.GenerationTimes GenerationTimes { get; set; } = Reelay.Upstreams.GenerationTimes.Fallback;

    /// <summary>Upper bound of the adaptive interval between status queries.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("Kling upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Kling upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(AccessKey) || string.IsNullOrEmpty(SecretKey))
            throw new InvalidOperationException($"Kling upstream '{Name}': AccessKey and SecretKey are required");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"Kling upstream '{Name}': RequestTimeout must be positive");
        if (TokenLifetime <= TimeSpan.FromSeconds(10) || TokenRenewBefore < TimeSpan.Zero || TokenRenewBefore >= TokenLifetime)
            throw new InvalidOperationException($"Kling upstream '{Name}': TokenRenewBefore must be shorter than TokenLifetime");
        if (CallbackBaseUrl is { Length: > 0 } cb && (!Uri.TryCreate(cb, UriKind.Absolute, out var c) || c.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"Kling upstream '{Name}': CallbackBaseUrl must be an absolute http(s) URL");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"Kling upstream '{Name}': poll intervals must be positive");
    }
}
