using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// One HTTP exchange with APIFrame: the created task id or the fetched task on success, else what went wrong.
/// <see cref="Message"/> is already fit for a job's error (clear, bounded, free of the API key).
/// </summary>
internal sealed record ApiFrameCallResult
{
    public string? CreatedTaskId { get; init; }
    public ApiFrameTask? Task { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }

    public static ApiFrameCallResult Created(string taskId, int status) => new() { CreatedTaskId = taskId, HttpStatus = status };

    public static ApiFrameCallResult Fetched(ApiFrameTask task, int status) => new() { Task = task, HttpStatus = status };

    public static ApiFrameCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
