using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;

namespace Reelay.Providers.Highway;

/// <summary><c>GET /v3/async/task-result?task_id=...</c>: the caller's task; unknown and others' ids are 404 TASK_NOT_FOUND.</summary>
public static class HighwayTaskResultEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, HighwayTaskMapper mapper,
        IOptions<ReelayOptions> options)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HighwayResponses.Unauthorized();
        if (HighwayResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;

        // Read by hand (no binding), so a missing or repeated parameter gets Highway's error, not ASP.NET's.
        var taskId = http.Request.Query["task_id"].ToString();
        if (string.IsNullOrWhiteSpace(taskId)) return HighwayResponses.InvalidBody("task_id: is required");
        var job = await jobs.GetAsync(taskId, key, http.RequestAborted);
        if (job is null) return HighwayResponses.NotFound(taskId);
        return TypedResults.Json(mapper.ToTaskResult(job, RequestBaseUrl.Of(http, options)), HighwayJsonContext.Default.HighwayTaskResult);
    }
}
