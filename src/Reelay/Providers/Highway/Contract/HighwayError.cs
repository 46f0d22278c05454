namespace Reelay.Providers.Highway.Contract;

/// <summary>
/// Highway's (Novita's) error body: <c>{"code":&lt;http status&gt;,"reason":"INVALID_REQUEST_BODY","message":"...","metadata":{}}</c>.
/// </summary>
public sealed record HighwayError(int Code, string Reason, string Message, IReadOnlyDictionary<string, string> Metadata)
{
    public const string InvalidRequestBody = "INVALID_REQUEST_BODY";
    public const string InvalidApiKey = "INVALID_API_KEY";
    public const string TaskNotFound = "TASK_NOT_FOUND";
    public const string TokenLimitExceeded = "TOKEN_LIMIT_EXCEEDED";
    public const string ModelNotAllowed = "MODEL_NOT_ALLOWED";
    public const string RequestTooLarge = "REQUEST_BODY_TOO_LARGE";
    public const string NotEnoughBalance = "NOT_ENOUGH_BALANCE";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
}
