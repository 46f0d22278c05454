using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary><c>POST /generate/kling-2-5</c>: creates one job and answers its JobSet (200).</summary>
public static class HiggsfieldGenerateEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, ModelCatalog catalog,
        HiggsfieldJobSetMapper mapper, IOptions<ReelayOptions> options)
    {
        var (key, failure) = await HiggsfieldAuth.AuthenticateAsync(http.Request, authenticator);
        if (key is null) return HiggsfieldResponses.Unauthorized(failure!);
        if (HiggsfieldResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;

        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request);
        if (tooLarge) return HiggsfieldResponses.Detail(StatusCodes.Status413PayloadTooLarge, $"Request body exceeds {options.Value.MaxRequestBodyBytes} bytes");
        if (doc is null) return HiggsfieldResponses.InvalidJson(error!);
        using (doc)
        {
            var validation = new HiggsfieldValidation();
            var request = HiggsfieldRequestReader.Read(doc.RootElement, catalog, validation);
            if (request is null) return HiggsfieldResponses.Invalid(validation);

            var outcome = await jobs.CreateAsync(new CreateJobCommand(key.Id, request, HiggsfieldDialect.DialectName), http.RequestAborted);
            if (outcome.IsInvalid)
            {
                validation.AddCore(outcome.Errors!);
                return HiggsfieldResponses.Invalid(validation);
            }
            if (outcome.IsRefusedForCredits)
                return HiggsfieldResponses.Detail(StatusCodes.Status403Forbidden, "Not enough credits. " + Credits.InsufficientCredits.Message(outcome.Job!));
            if (HiggsfieldResponses.KeyLimits.ForCreate(outcome, request.Model) is { } refused) return refused;
            var jobSet = mapper.ToJobSet(outcome.Job!, RequestBaseUrl.Of(http, options));
            return TypedResults.Json(jobSet, HiggsfieldJsonContext.Default.HiggsfieldJobSet);
        }
    }
}
