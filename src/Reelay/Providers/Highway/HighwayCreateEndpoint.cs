using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway;

/// <summary><c>POST /v3/async/kling-2.5-turbo-i2v</c> and <c>-t2v</c>: create a task, answer <c>{"task_id"}</c>.</summary>
public static class HighwayCreateEndpoint
{
    public static Task<IResult> ImageToVideoAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, IOptions<ReelayOptions> options) =>
        HandleAsync(http, authenticator, rateLimiter, jobs, options, imageToVideo: true);

    public static Task<IResult> TextToVideoAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, IOptions<ReelayOptions> options) =>
        HandleAsync(http, authenticator, rateLimiter, jobs, options, imageToVideo: false);

    private static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, IOptions<ReelayOptions> options, bool imageToVideo)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HighwayResponses.Unauthorized();
        if (HighwayResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;

        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge)
            return HighwayResponses.Error(StatusCodes.Status413PayloadTooLarge, HighwayError.RequestTooLarge, $"request body exceeds {options.Value.MaxRequestBodyBytes} bytes");
        if (doc is null) return HighwayResponses.InvalidBody(error!);
        using (doc)
        {
            var errors = new FieldErrors();
            var request = HighwayRequestReader.Read(doc.RootElement, imageToVideo, errors);
            if (request is null) return HighwayResponses.Invalid(errors);

            var outcome = await jobs.CreateAsync(new CreateJobCommand(key.Id, request, HighwayDialect.DialectName), http.RequestAborted);
            if (outcome.IsInvalid)
            {
                var renamed = new FieldErrors();
                foreach (var (field, messages) in outcome.Errors!.ToDictionary())
                {
                    foreach (var m in messages) renamed.Add(HighwayRequestReader.FieldOf(field), m);
                }
                return HighwayResponses.Invalid(renamed);
            }
            if (outcome.IsRefusedForCredits)
                return HighwayResponses.Error(StatusCodes.Status403Forbidden, HighwayError.NotEnoughBalance, Credits.InsufficientCredits.Message(outcome.Job!));
            if (HighwayResponses.KeyLimits.ForCreate(outcome, request.Model) is { } refused) return refused;
            return TypedResults.Json(new HighwayTaskCreated(outcome.Job!.Id), HighwayJsonContext.Default.HighwayTaskCreated);
        }
    }
}
