using Reelay.Providers.HyprLab.Contract;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// One HTTP exchange with HyprLab: the created generation or its polled status on success, else what went wrong.
/// <see cref="Message"/> is already fit for a job's error (clear, bounded, free of the API key).
/// </summary>
internal sealed record HyprLabCallResult
{
    public HyprLabGeneration? Created { get; init; }
    public HyprLabGenerationStatus? Status { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    /// <summary>The OpenAI-style <c>error.code</c> when the answer carried one (invalid_api_key, not_found, ...).</summary>
    public string? Code { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }

    public static HyprLabCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
