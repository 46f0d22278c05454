namespace Reelay.Upstreams;

/// <summary>What <c>GET /v1/upstreams</c> and <c>reelay upstreams</c> show for one upstream.</summary>
public sealed record UpstreamStatus(
    string Name,
    string Type,
    string BaseUrl,
    int Priority,
    string Circuit,
    int InFlight,
    int MaxConcurrentJobs,
    IReadOnlyList<string> Models,
    double MaxStatusCallsPerSecond,
    long StatusCallsDeferred,
    IReadOnlyList<UpstreamError> RecentErrors);
