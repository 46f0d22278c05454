using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary>Higgsfield's (FastAPI's) error answers: <c>{"detail":"..."}</c>, or 422 <c>{"detail":[...]}</c>.</summary>
public static class HiggsfieldResponses
{
    public static IResult Detail(int status, string detail) =>
        TypedResults.Json(new HiggsfieldErrorBody(detail), HiggsfieldJsonContext.Default.HiggsfieldErrorBody, statusCode: status);

    /// <summary>Higgsfield's answers to refusals by a key's limits: <c>{"detail"}</c> with 429 / 403.</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Detail(StatusCodes.Status429TooManyRequests, "Too many requests"),
        () => Detail(StatusCodes.Status429TooManyRequests, "Too many concurrent jobs"),
        model => Detail(StatusCodes.Status403Forbidden, $"Model '{model}' is not allowed for this API key"));

    /// <summary>Higgsfield's answers on the create path: FastAPI's 413 and 422 shapes, 403 for credits.</summary>
    public static readonly DialectCreateAnswers Create = new(
        HiggsfieldDialect.DialectName,
        max => Detail(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {max} bytes"),
        InvalidJson,
        (errors, _) => Invalid(errors),
        job => Detail(StatusCodes.Status403Forbidden, "Not enough credits. " + Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    /// <summary>Higgsfield's 503: <c>{"detail"}</c>.</summary>
    public static readonly Api.UnavailableAnswer Unavailable = new(message => Detail(StatusCodes.Status503ServiceUnavailable, message));

    public static IResult Unauthorized(string detail) => Detail(StatusCodes.Status401Unauthorized, detail);

    public static IResult NotFound() => Detail(StatusCodes.Status404NotFound, "Not found");

    public static IResult Invalid(HiggsfieldValidation validation) =>
        TypedResults.Json(new HiggsfieldValidationErrorBody(validation.Errors), HiggsfieldJsonContext.Default.HiggsfieldValidationErrorBody,
            statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>Validation errors of the canonical request, at their Higgsfield locations.</summary>
    public static IResult Invalid(FieldErrors errors)
    {
        var validation = new HiggsfieldValidation();
        validation.AddCore(errors);
        return Invalid(validation);
    }

    /// <summary>FastAPI's answer to a body that is not JSON: 422 <c>json_invalid</c> at <c>["body", 0]</c>.</summary>
    public static IResult InvalidJson(string error)
    {
        var validation = new HiggsfieldValidation();
        validation.Add("JSON decode error: " + error, "json_invalid", "body", 0);
        return Invalid(validation);
    }
}
