using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
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

    public static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, JobService jobs, ModelCatalog catalog,
        IOptions<ReelayOptions> options)
    {
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return HyprLabResponses.Unauthorized();
        if (HyprLabResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;

        var (doc, error, tooLarge) = await RequestBodies.ReadJsonAsync(http.Request, lenient: true);
        if (tooLarge)
            return HyprLabResponses.Error(StatusCodes.Status413PayloadTooLarge, $"The request body exceeds {options.Value.MaxRequestBodyBytes} bytes.", null, "request_too_large");
        if (doc is null) return HyprLabResponses.Error(StatusCodes.Status400BadRequest, error!, null, "invalid_json");
        using (doc)
        {
            var errors = new FieldErrors();
            var request = HyprLabRequestReader.Read(doc.RootElement, catalog, errors);
            if (request is null) return HyprLabResponses.Invalid(errors);

            var outcome = await jobs.CreateAsync(new CreateJobCommand(key.Id, request, HyprLabDialect.DialectName), http.RequestAborted);
            if (outcome.IsInvalid)
            {
                var renamed = new FieldErrors();
                foreach (var (field, messages) in outcome.Errors!.ToDictionary())
                {
                    // HyprLab has no mode field: the model name carries it.
                    foreach (var m in messages) renamed.Add(field == "mode" ? "model" : field, m);
                }
                return HyprLabResponses.Invalid(renamed);
            }
            if (outcome.IsRefusedForCredits) return HyprLabResponses.InsufficientQuota(Credits.InsufficientCredits.Message(outcome.Job!));
            if (HyprLabResponses.KeyLimits.ForCreate(outcome, request.Model) is { } refused) return refused;
            var job = outcome.Job!;
            var pollingUrl = $"{RequestBaseUrl.Of(http, options)}{MountPrefix(http)}{Path}/{job.Id}";
            return TypedResults.Json(new HyprLabGeneration(job.CreatedAt.ToUnixTimeSeconds(), job.Id, [new HyprLabUrl(pollingUrl)]),
                HyprLabJsonContext.Default.HyprLabGeneration);
        }
    }

    /// <summary>The part of the request path before the route (<c>/compat/hyprlab</c> or ""), so polling goes back the same way.</summary>
    private static string MountPrefix(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        return path.EndsWith(Path, StringComparison.OrdinalIgnoreCase) ? path[..^Path.Length] : "";
    }
}
