using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo's error answers (Hasura style): 400 <c>parse-failed</c> for malformed JSON and wrong types, 400
/// <c>validation-failed</c> for bad values, 401 <c>access-denied</c> without credentials and <c>invalid-jwt</c> with bad ones.
/// </summary>
public static class LeonardoResults
{
    public const string ParseFailed = "parse-failed";
    public const string ValidationFailed = "validation-failed";

    /// <summary>Leonardo's answers to refusals by a key's limits.</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Error(StatusCodes.Status429TooManyRequests, "rate-limited", "$", "too many requests, retry later"),
        () => Error(StatusCodes.Status429TooManyRequests, "concurrency-limit", "$", "too many generations in progress, retry when one has finished"),
        model => Error(StatusCodes.Status403Forbidden, "permission-error", "$.model", $"model {model} is not allowed for this API key"));

    /// <summary>Leonardo's 503 in its error shape.</summary>
    public static readonly Api.UnavailableAnswer Unavailable = new(message => Error(StatusCodes.Status503ServiceUnavailable, "service-unavailable", "$", message));

    /// <summary>Leonardo's (Hasura's) answers on the create path; <c>Invalid</c> is set per route, which knows the field paths.</summary>
    public static readonly DialectCreateAnswers Create = new(
        LeonardoDialect.DialectName,
        TooLarge,
        message => ParseError(message),
        (errors, _) => Invalid("$", errors.First ?? "invalid request"),
        job => InsufficientCredits(Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    public static IResult Error(int status, string code, string path, string message) =>
        TypedResults.Json(new LeonardoError(message, path, code), LeonardoJsonContext.Default.LeonardoError, statusCode: status);

    public static IResult ParseError(string message, string path = "$") =>
        Error(StatusCodes.Status400BadRequest, ParseFailed, path, message);

    public static IResult Invalid(string path, string message) =>
        Error(StatusCodes.Status400BadRequest, ValidationFailed, path, message);

    /// <summary>The first error: type errors before value errors (Leonardo reports one error per request).</summary>
    public static IResult FromFields(FieldErrors typeErrors, FieldErrors valueErrors)
    {
        if (!typeErrors.IsEmpty)
        {
            var (path, messages) = typeErrors.ToDictionary().First();
            return ParseError(messages[0], path);
        }
        var (p, m) = valueErrors.ToDictionary().First();
        return Invalid(p, m[0]);
    }

    /// <summary>Decision (the error is not documented): 402 <c>insufficient-credits</c> in the Hasura-style body.</summary>
    public static IResult InsufficientCredits(string message) =>
        Error(StatusCodes.Status402PaymentRequired, "insufficient-credits", "$", message);

    public static IResult TooLarge(long limit) =>
        Error(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "$", $"the body exceeds {limit} bytes");
}
