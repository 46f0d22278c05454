using Reelay.Jobs;

namespace Reelay.Api;

/// <summary>RFC 9457 problem responses of the native API. <c>code</c> is a stable machine-readable identifier.</summary>
public static class Problems
{
    private const string TypeBase = "https://reelay.dev/problems/";

    public static IResult Validation(FieldErrors errors, string detail = "The request has invalid fields.") =>
        Make(StatusCodes.Status422UnprocessableEntity, "invalid_request", "Invalid request", detail,
            new Dictionary<string, object?> { ["errors"] = errors.ToDictionary() });

    public static IResult MalformedJson(string detail) =>
        Make(StatusCodes.Status400BadRequest, "malformed_json", "Malformed JSON", detail);

    public static IResult BadRequest(string code, string detail) =>
        Make(StatusCodes.Status400BadRequest, code, "Bad request", detail);

    public static IResult Unauthorized() =>
        Make(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized",
            "Send 'Authorization: Bearer <token>' with a valid, unrevoked Reelay API key.");

    public static IResult Forbidden(string detail) =>
        Make(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", detail);

    public static IResult NotFound(string what) =>
        Make(StatusCodes.Status404NotFound, "not_found", "Not found", $"{what} does not exist or is not yours.");

    public static IResult Conflict(string code, string detail) =>
        Make(StatusCodes.Status409Conflict, code, "Conflict", detail);

    /// <summary>402: the key's balance does not cover the job's price (nothing was created).</summary>
    public static IResult InsufficientCredits(VideoJob refused) =>
        Make(StatusCodes.Status402PaymentRequired, "insufficient_credits", "Insufficient credits",
            Reelay.Credits.InsufficientCredits.Message(refused),
            new Dictionary<string, object?> { ["price"] = refused.Credits });
    /// <summary>429: the key's request rate or concurrent-job limit; sent with Retry-After.</summary>
    public static IResult TooManyRequests(string code, string detail) =>
        Make(StatusCodes.Status429TooManyRequests, code, "Too many requests", detail);

    /// <summary>403: the key may not use the requested model.</summary>
    public static IResult ModelNotAllowed(string model) =>
        Make(StatusCodes.Status403Forbidden, "model_not_allowed", "Model not allowed", $"This API key may not create jobs for model '{model}'.");

    /// <summary>The native API's answers to refusals by a key's limits.</summary>
    public static readonly KeyLimitAnswers KeyLimits = new(
        () => TooManyRequests("rate_limited", "This API key exceeded its requests per minute; retry after the Retry-After delay."),
        () => TooManyRequests("concurrency_limit_exceeded", "This API key already has its maximum of unfinished jobs; retry when one has finished."),
        ModelNotAllowed);

    public static IResult TooLarge(long limit) =>
        Make(StatusCodes.Status413PayloadTooLarge, "body_too_large", "Request body too large", $"The body exceeds {limit} bytes.");

    public static IResult Make(int status, string code, string title, string detail, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (extra is not null)
        {
            foreach (var (k, v) in extra) extensions[k] = v;
        }
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: extensions);
    }
}
