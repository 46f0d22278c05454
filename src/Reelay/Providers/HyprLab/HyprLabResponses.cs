using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;

namespace Reelay.Providers.HyprLab;

/// <summary>HyprLab's OpenAI-style error answers.</summary>
public static class HyprLabResponses
{
    public static IResult Error(int status, string message, string? param, string? code) =>
        TypedResults.Json(new HyprLabErrorBody(new HyprLabError(message, HyprLabError.InvalidRequest, param, code)),
            HyprLabJsonContext.Default.HyprLabErrorBody, statusCode: status);

    /// <summary>OpenAI's answer to an exhausted balance: 429 <c>insufficient_quota</c>.</summary>
    public static IResult InsufficientQuota(string message) =>
        TypedResults.Json(new HyprLabErrorBody(new HyprLabError(message, HyprLabError.InsufficientQuota, null, HyprLabError.InsufficientQuota)),
            HyprLabJsonContext.Default.HyprLabErrorBody, statusCode: StatusCodes.Status429TooManyRequests);
    /// <summary>HyprLab's answers to refusals by a key's limits (OpenAI codes).</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Error(StatusCodes.Status429TooManyRequests, "Rate limit reached for video generations. Retry after the Retry-After delay.", null, "rate_limit_exceeded"),
        () => Error(StatusCodes.Status429TooManyRequests, "Too many video generations in progress. Retry when one has finished.", null, "concurrency_limit_exceeded"),
        model => Error(StatusCodes.Status403Forbidden, $"This API key does not have access to model '{model}'.", "model", "model_not_allowed"));

    /// <summary>HyprLab's 503 (OpenAI shape).</summary>
    /// <summary>HyprLab's answers on the create path. It has no mode field (the model name carries it), so mode errors name the model.</summary>
    public static readonly DialectCreateAnswers Create = new(
        HyprLabDialect.DialectName,
        max => Error(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {max} bytes.", null, "request_too_large"),
        error => Error(StatusCodes.Status400BadRequest, error, null, "invalid_json"),
        (errors, _) => Invalid(errors.Renamed(field => field == "mode" ? "model" : field)),
        job => InsufficientQuota(Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    public static readonly Api.UnavailableAnswer Unavailable = new(message => Error(StatusCodes.Status503ServiceUnavailable, message, null, "service_unavailable"));

    public static IResult Unauthorized() =>
        Error(StatusCodes.Status401Unauthorized, "Invalid API key provided. Send 'Authorization: Bearer <key>'.", null, "invalid_api_key");

    public static IResult NotFound(string id) =>
        Error(StatusCodes.Status404NotFound, $"No video generation found with id '{id}'.", null, "not_found");

    /// <summary>400 for the first invalid field (OpenAI reports one); the message lists all of them.</summary>
    public static IResult Invalid(FieldErrors errors)
    {
        var all = errors.ToDictionary();
        var field = all.Keys.First();
        var message = string.Join("; ", all.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}")));
        return Error(StatusCodes.Status400BadRequest, message, field, field);
    }
}
