using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;

namespace Reelay.Providers.HyprLab;

/// <summary><c>GET /v1/video/generations/{id}</c> (the polling URL): the caller's generation; others' and unknown ids are 404.</summary>
public static class HyprLabPollEndpoint
{
    public static async Task<IResult> HandleAsync(string id, HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs,
        HyprLabGenerationMapper mapper, IOptions<ReelayOptions> options)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HyprLabResponses.Unauthorized();
        if (HyprLabResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        var job = await jobs.GetAsync(id, key, http.RequestAborted);
        if (job is null) return HyprLabResponses.NotFound(id);
        return TypedResults.Json(mapper.ToStatus(job, RequestBaseUrl.Of(http, options)), HyprLabJsonContext.Default.HyprLabGenerationStatus);
    }
}
