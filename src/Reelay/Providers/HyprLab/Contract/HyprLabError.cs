namespace Reelay.Providers.HyprLab.Contract;

/// <summary>
/// The inner object of an OpenAI-style error. For invalid fields <c>param</c> and <c>code</c> both name the field
/// (e.g. "duration"); otherwise <c>param</c> is null and <c>code</c> says what went wrong (invalid_api_key, not_found, ...).
/// </summary>
public sealed record HyprLabError(string Message, string Type, string? Param, string? Code)
{
    public const string InvalidRequest = "invalid_request_error";
    /// <summary>OpenAI's type and code for an exhausted balance (sent with 429).</summary>
    public const string InsufficientQuota = "insufficient_quota";
}
