using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling;

/// <summary>Kling's answers: the success envelope and the error body, each with a fresh <c>request_id</c>.</summary>
public static class KlingResults
{
    public const string SuccessMessage = "SUCCEED";

    /// <summary>Kling's answers to refusals by a key's limits: 429/1302, 429/1303, 403/1103.</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Error(KlingErrorCodes.RateLimited, "The API request rate exceeds the limit, please try again later"),
        () => Error(KlingErrorCodes.ConcurrencyLimited, "Parallel task over resource pack limit"),
        model => Error(KlingErrorCodes.ModelNotPermitted, $"No permission to use model '{model}'"));

    /// <summary>Kling's 503: code 5001.</summary>
    public static readonly Api.UnavailableAnswer Unavailable = new(message => Error(KlingErrorCodes.ServiceUnavailable, message));

    /// <summary>Kling's answers on the create path: its envelope with code 1200 (invalid params), 1201 (invalid value, Kling's field names), 1102 (balance).</summary>
    public static readonly DialectCreateAnswers Create = new(
        KlingDialect.DialectName,
        max => Error(KlingErrorCodes.InvalidParams, $"Request body exceeds {max} bytes"),
        error => Error(KlingErrorCodes.InvalidParams, $"Invalid request parameters: {error}"),
        InvalidValue,
        job => Error(KlingErrorCodes.ResourcePackExhausted, "Account balance not enough: " + Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    /// <summary>1201 naming each invalid field as Kling names it (canonical names when no request could be read).</summary>
    public static IResult InvalidValue(FieldErrors errors, VideoRequest? request)
    {
        var parts = errors.ToDictionary().Select(kv =>
            $"{(request is null ? kv.Key : KlingRequestMapper.KlingFieldOf(kv.Key, request))}: {string.Join("; ", kv.Value)}");
        return Error(KlingErrorCodes.InvalidParamValue, "Invalid parameter value: " + string.Join("; ", parts));
    }

    public static IResult Error(int code, string message) =>
        TypedResults.Json(new KlingErrorBody(code, message, NewRequestId()), KlingJsonContext.Default.KlingErrorBody,
            statusCode: KlingErrorCodes.HttpStatusOf(code));

    public static IResult Task(KlingTask task) =>
        TypedResults.Json(new KlingResponse<KlingTask>(KlingErrorCodes.Success, SuccessMessage, NewRequestId(), task),
            KlingJsonContext.Default.KlingResponseKlingTask);

    public static IResult Tasks(IReadOnlyList<KlingTask> tasks) =>
        TypedResults.Json(new KlingResponse<IReadOnlyList<KlingTask>>(KlingErrorCodes.Success, SuccessMessage, NewRequestId(), tasks),
            KlingJsonContext.Default.KlingResponseIReadOnlyListKlingTask);

    public static string NewRequestId() => Guid.NewGuid().ToString("D");
}
