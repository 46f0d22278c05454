namespace Reelay.Upstreams;

/// <summary>
/// What one HTTP call to an upstream brought back: the status and the whole (bounded) body, or (<see cref="Failure"/>
/// set) no usable answer at all — timeout, connection error, oversized body. Failure texts name no URL query nor
/// credential, so they are fit for a job's error.
/// </summary>
internal sealed record UpstreamHttpAnswer(int Status, byte[] Body, TimeSpan? RetryAfter, string? Failure)
{
    /// <summary>The SSRF guard refused every address of the destination: no connection was made, and retrying will not help.</summary>
    public bool Blocked { get; init; }

    public bool Transport => Failure is not null;

    public bool Answered => Failure is null;

    public bool IsSuccess => Failure is null && Status is >= 200 and < 300;
}
