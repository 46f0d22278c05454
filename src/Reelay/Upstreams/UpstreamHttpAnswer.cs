namespace Reelay.Upstreams;

/// <summary>
/// What one HTTP call to an upstream produced: the status and the whole (bounded) body, or, when no usable answer
/// arrived, <see cref="Failure"/> saying why in words fit for a job's error (no URLs with secrets, no keys).
/// </summary>
internal sealed record UpstreamHttpAnswer(int Status, byte[] Body, TimeSpan? RetryAfter, string? Failure)
{
    public bool Answered => Failure is null;
}
