using Microsoft.Extensions.Options;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;

namespace Reelay.Providers.Higgsfield;

/// <summary><c>POST /generate/kling-2-5</c>: creates one job and answers its JobSet (200).</summary>
public static class HiggsfieldGenerateEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter, DialectCreateFlow flow, ModelCatalog catalog,
        HiggsfieldJobSetMapper mapper, IOptions<ReelayOptions> options)
    {
        var (key, failure) = await HiggsfieldAuth.AuthenticateAsync(http.Request, authenticator);
        if (key is null) return HiggsfieldResponses.Unauthorized(failure!);
        if (HiggsfieldResponses.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        return await flow.RunAsync(http, key, HiggsfieldResponses.Create,
            body =>
            {
                var validation = new HiggsfieldValidation();
                return HiggsfieldRequestReader.Read(body, catalog, validation) is { } request
                    ? DialectRead.Of(request)
                    : DialectRead.Refused(HiggsfieldResponses.Invalid(validation));
            },
            outcome => 
                TypedResults.Json(mapper.ToJobSet(outcome.Job!, RequestBaseUrl.Of(http, options)), HiggsfieldJsonContext.Default.HiggsfieldJobSet));
    }
}
