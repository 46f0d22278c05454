using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Contract;

namespace Reelay.Providers.HyprLab;

/// <summary>
/// <c>POST /v1/video/generations</c>: creates a job and answers its absolute polling URL. The body is parsed
/// leniently (trailing commas and comments), because HyprLab's own documented example has a trailing comma.
/// </summary>
public static class HyprLabCreateEndpoint
{
    public const string Path = "/v1/video/generations";

    public static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, DialectCreateFlow flow, ModelCatalog catalog,
        IOptions<ReelayOptions> options)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HyprLabResponses.Unauthorized();
        if (HyprLabResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        return await flow.RunAsync(http, key, HyprLabResponses.Create,
            body =>
            {
                var errors = new FieldErrors();
                return HyprLabRequestReader.Read(body, catalog, errors) is { } request
                    ? DialectRead.Of(request)
                    : DialectRead.Refused(HyprLabResponses.Invalid(errors));
            },
            outcome =>
            {
                var job = outcome.Job!;
                var pollingUrl = $"{RequestBaseUrl.Of(http, options)}{MountPrefix(http)}{Path}/{job.Id}";
                return TypedResults.Json(new HyprLabGeneration(job.CreatedAt.ToUnixTimeSeconds(), job.Id, [new HyprLabUrl(pollingUrl)]),
                    HyprLabJsonContext.Default.HyprLabGeneration);
            },
            lenientJson: true);
    }

    /// <summary>The part of the request path before the route (<c>/compat/hyprlab</c> or ""), so polling goes back the same way.</summary>
    private static string MountPrefix(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        return path.EndsWith(Path, StringComparison.OrdinalIgnoreCase) ? path[..^Path.Length] : "";
    }
}
