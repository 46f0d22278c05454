using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary><c>GET /v1/job-sets/{id}</c>: the JobSet of one of the caller's jobs; others' and unknown ids are 404.</summary>
public static class HiggsfieldJobSetEndpoint
{
    public static async Task<IResult> HandleAsync(string id, HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs,
        HiggsfieldJobSetMapper mapper, IOptions<ReelayOptions> options)
    {
        var (key, failure) = await HiggsfieldAuth.AuthenticateAsync(http.Request, authenticator);
        if (key is null) return HiggsfieldResponses.Unauthorized(failure!);
        if (HiggsfieldResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;

        if (!Guid.TryParse(id, out var setId))
        {
            // FastAPI validates a UUID path parameter before the handler runs.
            var validation = new HiggsfieldValidation();
            validation.Add("Input should be a valid UUID", "uuid_parsing", "path", "id");
            return HiggsfieldResponses.Invalid(validation);
        }
        var job = await jobs.GetAsync(setId.ToString(), key, http.RequestAborted);
        if (job is null) return HiggsfieldResponses.NotFound();
        return TypedResults.Json(mapper.ToJobSet(job, RequestBaseUrl.Of(http, options)), HiggsfieldJsonContext.Default.HiggsfieldJobSet);
    }
}
