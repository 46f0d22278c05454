using System.Text.Json;
using Reelay.Accounts;
using Reelay.Api.Dialects;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway;

/// <summary><c>POST /v3/async/kling-2.5-turbo-i2v</c> and <c>-t2v</c>: create a task, answer <c>{"task_id"}</c>.</summary>
public static class HighwayCreateEndpoint
{
    public static Task<IResult> ImageToVideoAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, DialectCreateFlow flow) =>
        HandleAsync(http, authenticator, rateLimiter, flow, imageToVideo: true);

    public static Task<IResult> TextToVideoAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, DialectCreateFlow flow) =>
        HandleAsync(http, authenticator, rateLimiter, flow, imageToVideo: false);

    private static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, DialectCreateFlow flow, bool imageToVideo)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HighwayResponses.Unauthorized();
        if (HighwayResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        return await flow.RunAsync(http, key, HighwayResponses.Create, body => Read(body, imageToVideo),
            outcome => TypedResults.Json(new HighwayTaskCreated(outcome.Job!.Id), HighwayJsonContext.Default.HighwayTaskCreated));
    }

    private static DialectRead Read(JsonElement body, bool imageToVideo)
    {
        var errors = new FieldErrors();
        return HighwayRequestReader.Read(body, imageToVideo, errors) is { } request
            ? DialectRead.Of(request)
            : DialectRead.Refused(HighwayResponses.Invalid(errors));
    }
}
