using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// One exchange with a Highway upstream: the created task id or the task result on success, else what went wrong.
/// <see cref="Message"/> is already fit for a job's error (clear, bounded, free of credentials).
/// </summary>
internal sealed record HighwayCallResult
{
    public string? TaskId { get; init; }
    public HighwayTaskResult? Result { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    /// <summary>Novita's error <c>reason</c> (NOT_ENOUGH_BALANCE, TASK_NOT_FOUND, ...) when the answer carried one.</summary>
    public string? Reason { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }

    public static HighwayCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
