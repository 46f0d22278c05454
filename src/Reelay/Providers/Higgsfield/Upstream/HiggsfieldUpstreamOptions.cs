namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// One upstream speaking Higgsfield's platform API (Higgsfield itself, another Reelay, the Higgsfield emulator).
/// Credentials are the <c>hf-api-key</c> / <c>hf-secret</c> pair; the secret is sent only in its header and is never
/// logged nor reported.
/// </summary>
public sealed record HiggsfieldUpstreamOptions
{
    /// <summary>Engine name stored on jobs and used in config, e.g. <c>higgsfield</c>.</summary>
    public string Name { get; set; } = "higgsfield";

    /// <summary>e.g. <c>https://platform.higgsfield.ai</c>; paths <c>/generate/...</c> and <c>/v1/job-sets/...</c> are appended.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The <c>hf-api-key</c> header (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The <c>hf-secret</c> header (config SecretKey).</summary>
    public string Secret { get; set; } = "";

    /// <summary>
    /// Reelay's public base URL (Reelay:PublicBaseUrl). When set, each task is created with
    /// <c>webhook = {{url: {PublicBaseUrl}/v1/upstream-callbacks/higgsfield/{jobId}, secret: &lt;random per submit&gt;}}</c>; the webhook is only a hint that makes the next status query happen now, never a result.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

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
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException("Higgsfield upstream: Name is required");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var b) || b.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Higgsfield upstream '{Name}': BaseUrl must be an absolute http(s) URL");
        if (string.IsNullOrEmpty(ApiKey) || string.IsNullOrEmpty(Secret))
            throw new InvalidOperationException($"Higgsfield upstream '{Name}': AccessKey (hf-api-key) and SecretKey (hf-secret) are required");
        if (PublicBaseUrl is { Length: > 0 } p && (!Uri.TryCreate(p, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")))
            throw new InvalidOperationException($"Higgsfield upstream '{Name}': PublicBaseUrl must be an absolute http(s) URL");
        if (RequestTimeout <= TimeSpan.Zero) throw new InvalidOperationException($"Higgsfield upstream '{Name}': RequestTimeout must be positive");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero)
            throw new InvalidOperationException($"Higgsfield upstream '{Name}': poll intervals must be positive");
    }
}
