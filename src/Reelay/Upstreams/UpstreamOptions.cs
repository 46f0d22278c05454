namespace Reelay.Upstreams;

/// <summary>
/// The settings every upstream adapter takes (from its <see cref="UpstreamDefinition"/>): where it is, how long a call
/// may take, and how its status queries are paced. Each provider's options add its credentials and extras and check
/// them in <see cref="Validate"/>, whose messages name the provider and the upstream. Credentials are never logged.
/// </summary>
public abstract record UpstreamOptions
{
    /// <summary>The provider as messages name it, e.g. <c>Highway</c>.</summary>
    protected abstract string Provider { get; }

    /// <summary>Engine name stored on jobs and used in config, e.g. <c>kling</c> or <c>kling-backup</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The upstream's origin, e.g. <c>https://api.example.com</c>; each adapter appends its documented paths.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// Reelay's public base URL (Reelay:PublicBaseUrl). When set, adapters whose provider calls back (a webhook or
    /// callback URL per task) point it at <c>{PublicBaseUrl}/v1/upstream-callbacks/...</c>; a callback is only a hint
    /// that makes the next status query happen now, never a result.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Per HTTP call (connect, send and read the whole answer). Past it the call counts as a retryable failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First status query after a submit. Null: the request's typical minimum generation time (<see cref="GenerationTimes"/>).</summary>
    public TimeSpan? FirstPollAfter { get; set; }

    /// <summary>Typical generation times per request; they shape the status-query schedule (<see cref="PollPlanner"/>).</summary>
    public GenerationTimes GenerationTimes { get; set; } = GenerationTimes.Fallback;

    /// <summary>Upper bound of the interval between status queries, whatever the upstream announces.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws with a clear reason when the options cannot work (checked when the engine is built).</summary>
    public virtual void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new InvalidOperationException($"{Provider} upstream: Name is required");
        if (!IsHttpUrl(BaseUrl)) Refuse("BaseUrl must be an absolute http(s) URL");
        if (PublicBaseUrl is { Length: > 0 } p && !IsHttpUrl(p)) Refuse("PublicBaseUrl must be an absolute http(s) URL");
        if (RequestTimeout <= TimeSpan.Zero) Refuse("RequestTimeout must be positive");
        if (FirstPollAfter < TimeSpan.Zero || MaxPollInterval <= TimeSpan.Zero) Refuse("poll intervals must be positive");
    }

    /// <summary>Throws the options' error: "{Provider} upstream '{Name}': {reason}".</summary>
    protected void Refuse(string reason) => throw new InvalidOperationException($"{Provider} upstream '{Name}': {reason}");

    private static bool IsHttpUrl(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
