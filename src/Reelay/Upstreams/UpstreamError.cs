namespace Reelay.Upstreams;

/// <summary>A recent failure of an upstream, for operators (never contains credentials).</summary>
public sealed record UpstreamError(DateTimeOffset At, string Code, string Message);
