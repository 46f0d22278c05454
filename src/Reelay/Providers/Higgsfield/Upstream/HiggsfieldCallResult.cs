using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// One exchange with a Higgsfield upstream: the JobSet on success, else what went wrong. <see cref="Message"/> is
/// already fit for a job's error (clear, bounded, free of credentials).
/// </summary>
internal sealed record HiggsfieldCallResult
{
    public HiggsfieldJobSet? JobSet { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }

    public static HiggsfieldCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
