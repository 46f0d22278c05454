using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway;

/// <summary>Highway's error answers: the Novita body with the HTTP status repeated in <c>code</c>.</summary>
public static class HighwayResponses
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public static IResult Error(int status, string reason, string message) =>
        TypedResults.Json(new HighwayError(status, reason, message, NoMetadata), HighwayJsonContext.Default.HighwayError, statusCode: status);

    /// <summary>Highway's answers to refusals by a key's limits: 429 <c>TOKEN_LIMIT_EXCEEDED</c> (rate and concurrency), 403.</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Error(StatusCodes.Status429TooManyRequests, HighwayError.TokenLimitExceeded, "rate limit exceeded, retry later"),
        () => Error(StatusCodes.Status429TooManyRequests, HighwayError.TokenLimitExceeded, "too many concurrent tasks, retry when one has finished"),
        model => Error(StatusCodes.Status403Forbidden, HighwayError.ModelNotAllowed, $"model {model} is not allowed for this api key"));

    /// <summary>Highway's answers on the create path; validation errors name Highway's fields.</summary>
    public static readonly DialectCreateAnswers Create = new(
        HighwayDialect.DialectName,
        max => Error(StatusCodes.Status413PayloadTooLarge, HighwayError.RequestTooLarge, $"request body exceeds {max} bytes"),
        InvalidBody,
        (errors, _) => Invalid(errors.Renamed(HighwayRequestReader.FieldOf)),
        job => Error(StatusCodes.Status403Forbidden, HighwayError.NotEnoughBalance, Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    /// <summary>Highway's 503 in its error shape.</summary>
    public static readonly Api.UnavailableAnswer Unavailable = new(message => Error(StatusCodes.Status503ServiceUnavailable, HighwayError.ServiceUnavailable, message));

    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, HighwayError.InvalidApiKey, "invalid api key: send 'Authorization: Bearer <key>'");

    public static IResult InvalidBody(string message) => Error(StatusCodes.Status400BadRequest, HighwayError.InvalidRequestBody, message);

    /// <summary>400 naming every invalid field (Highway names), e.g. "image: is required; duration: must be \"5\" or \"10\"".</summary>
    public static IResult Invalid(FieldErrors errors) =>
        InvalidBody(string.Join("; ", errors.ToDictionary().SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));

    public static IResult NotFound(string taskId) =>
        Error(StatusCodes.Status404NotFound, HighwayError.TaskNotFound, $"task '{taskId}' not found");
}
