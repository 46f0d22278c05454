namespace Reelay.Engines;

/// <summary>The result of one engine step. Use the factory methods.</summary>
public sealed record EngineOutcome
{
    public required EngineOutcomeKind Kind { get; init; }
    public string? UpstreamRef { get; init; }
    public int Progress { get; init; }
    public TimeSpan RetryAfter { get; init; }
    public ResultSource? Result { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public bool Retryable { get; init; }
    /// <summary>
    /// A failure that proves the request never reached the engine (every connect was refused, the name did not resolve,
    /// the circuit was open): nothing can have been accepted, so the job may move to another upstream without asking
    /// this one first.
    /// </summary>
    public bool NothingSent { get; init; }

    public static EngineOutcome Submitted(string upstreamRef, TimeSpan pollAfter) =>
        new() { Kind = EngineOutcomeKind.Submitted, UpstreamRef = upstreamRef, RetryAfter = pollAfter };

    public static EngineOutcome Running(int progress, TimeSpan pollAfter) =>
        new() { Kind = EngineOutcomeKind.Running, Progress = Math.Clamp(progress, 0, 100), RetryAfter = pollAfter };

    public static EngineOutcome Produced(ResultSource result) =>
        new() { Kind = EngineOutcomeKind.Produced, Progress = 100, Result = result };

    public static EngineOutcome Failed(string code, string message, bool retryable = false, TimeSpan retryAfter = default) =>
        new() { Kind = EngineOutcomeKind.Failed, ErrorCode = code, ErrorMessage = message, Retryable = retryable, RetryAfter = retryAfter };
}
