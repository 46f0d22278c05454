namespace Reelay.Client;

/// <summary>
/// The server refused a request. Carries the RFC 9457 problem details (<c>application/problem+json</c>) when the
/// server sent them, including per-field validation errors.
/// </summary>
public sealed class ReelayApiException : Exception
{
    /// <summary>Creates an exception for a failed response.</summary>
    public ReelayApiException(
        int status,
        string? title,
        string? detail,
        string? code = null,
        string? problemType = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        TimeSpan? retryAfter = null)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Code = code;
        ProblemType = problemType;
        Errors = errors ?? new Dictionary<string, IReadOnlyList<string>>();
        RetryAfter = retryAfter;
    }

    /// <summary>HTTP status code, e.g. 400, 404, 409, 429.</summary>
    public int Status { get; }
    /// <summary>Short summary of the problem type.</summary>
    public string? Title { get; }
    /// <summary>Explanation specific to this occurrence.</summary>
    public string? Detail { get; }
    /// <summary>Stable machine-readable error code, when the server gave one.</summary>
    public string? Code { get; }
    /// <summary>The problem <c>type</c> URI.</summary>
    public string? ProblemType { get; }
    /// <summary>Validation messages per request field (snake_case names, as on the wire); empty when none.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }
    /// <summary>The response's <c>Retry-After</c> (for 429 and 503), when present.</summary>
    public TimeSpan? RetryAfter { get; }

    private static string Describe(int status, string? title, string? detail, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors)
    {
        var message = $"{status} {title ?? "request failed"}";
        if (!string.IsNullOrEmpty(detail)) message += $": {detail}";
        if (errors is { Count: > 0 })
            message += " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")) + ")";
        return message;
    }
}
