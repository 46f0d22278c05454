using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// One HTTP exchange with the upstream: the task on success, else what went wrong. <see cref="Message"/> is
/// already fit for a job's error (clear, bounded, free of credentials).
/// </summary>
internal sealed record KlingCallResult
{
    public KlingTask? Task { get; init; }
    /// <summary>A list call's page (newest first); null for other calls and failures.</summary>
    public IReadOnlyList<KlingTask>? Tasks { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    /// <summary>Kling's service code when the answer carried one.</summary>
    public int? Code { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }

    public static KlingCallResult Ok(KlingTask task, int status) => new() { Task = task, HttpStatus = status, Code = KlingErrorCodes.Success };

    public static KlingCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
