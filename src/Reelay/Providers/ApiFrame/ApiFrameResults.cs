using Reelay.Api.Dialects;
using System.Text;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary>APIFrame's answers: JSON bodies from <see cref="ApiFrameJsonContext"/>, <c>{}</c> for auth and server errors.</summary>
public static class ApiFrameResults
{
    private static readonly byte[] EmptyObject = Encoding.UTF8.GetBytes("{}");

    /// <summary><c>{}</c> with <paramref name="status"/> (401 invalid API key, 500 unexpected failure).</summary>
    public static IResult Empty(int status) => new EmptyObjectResult(status);

    /// <summary>APIFrame's answers to refusals by a key's limits: 429 / 403 with <c>{"errors":[{"msg"}]}</c>.</summary>
    public static readonly Api.KeyLimitAnswers KeyLimits = new(
        () => Errors(StatusCodes.Status429TooManyRequests, "rate limit exceeded, retry later"),
        () => Errors(StatusCodes.Status429TooManyRequests, "too many concurrent tasks, retry when one has finished"),
        model => Errors(StatusCodes.Status403Forbidden, $"model {model} is not allowed for this API key"));

    /// <summary>APIFrame's 503: <c>{"errors":[{"msg"}]}</c>.</summary>
    public static readonly Api.UnavailableAnswer Unavailable = new(message => Errors(StatusCodes.Status503ServiceUnavailable, message));

    /// <summary>APIFrame's answers on the create path: <c>{"errors":[{"msg"}]}</c>; 402 for credits (APIFrame documents no balance error).</summary>
    public static readonly DialectCreateAnswers Create = new(
        ApiFrameDialect.DialectName,
        max => Errors(StatusCodes.Status413PayloadTooLarge, $"request body must be at most {max} bytes"),
        error => Errors(StatusCodes.Status400BadRequest, error),
        (errors, _) => Invalid(errors, ApiFrameRequestMapper.FieldName),
        job => Errors(StatusCodes.Status402PaymentRequired, Credits.InsufficientCredits.Message(job)),
        KeyLimits);

    public static IResult Errors(int status, params string[] messages) =>
        TypedResults.Json(ApiFrameErrorBody.Of(messages), ApiFrameJsonContext.Default.ApiFrameErrorBody, statusCode: status);

    /// <summary>400 with one entry per field problem; <paramref name="rename"/> maps error keys to APIFrame's field names.</summary>
    public static IResult Invalid(FieldErrors errors, Func<string, string>? rename = null)
    {
        var messages = new List<string>();
        foreach (var (field, list) in errors.ToDictionary())
        {
            var name = rename is null ? field : rename(field);
            messages.AddRange(list.Select(m => field == "body" ? $"request body {m}" : $"{name} {m}"));
        }
        return Errors(StatusCodes.Status400BadRequest, [.. messages]);
    }

    public static IResult NotFound() => Errors(StatusCodes.Status404NotFound, "task not found");

    private sealed class EmptyObjectResult(int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = EmptyObject.Length;
            return httpContext.Response.Body.WriteAsync(EmptyObject).AsTask();
        }
    }
}
