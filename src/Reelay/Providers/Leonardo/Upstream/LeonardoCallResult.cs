using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// One HTTP exchange with a Leonardo upstream: what it answered on success (an upload form, an accepted generation,
/// a generation's state, or a finished upload), else what went wrong. <see cref="Message"/> is already fit for a
/// job's error (clear, bounded, free of the token).
/// </summary>
internal sealed record LeonardoCallResult
{
    public LeonardoUploadInitImage? InitImage { get; init; }
    public LeonardoMotionJob? Created { get; init; }
    /// <summary>Set when <c>GET /generations/{id}</c> answered; <see cref="LeonardoGenerationResponse.GenerationsByPk"/> is null for an unknown id.</summary>
    public LeonardoGenerationResponse? Generation { get; init; }
    /// <summary>The presigned form upload was accepted (2xx).</summary>
    public bool Uploaded { get; init; }
    /// <summary>HTTP status, or 0 when no usable answer arrived (timeout, connection error).</summary>
    public int HttpStatus { get; init; }
    /// <summary>Leonardo's error <c>code</c> (validation-failed, invalid-jwt, ...) when the answer carried one.</summary>
    public string? Code { get; init; }
    public string Message { get; init; } = "";
    public TimeSpan? RetryAfter { get; init; }
    /// <summary>No trustworthy answer: timeout, connection failure, or a body that is not the documented JSON.</summary>
    public bool Transport { get; init; }
    /// <summary>The upload form pointed where the SSRF guard forbids; nothing was sent and a retry would not help.</summary>
    public bool Blocked { get; init; }

    public static LeonardoCallResult Unreachable(int status, string message) => new() { HttpStatus = status, Message = message, Transport = true };
}
