using Reelay.Accounts;

namespace Reelay.Api;

/// <summary>
/// Native API authentication: <c>Authorization: Bearer rly_...</c>; anything else answers 401 problem. An authenticated
/// key over its request rate answers 429 problem with Retry-After.
/// </summary>
public sealed class BearerAuthFilter(ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized();
        }
        if (Problems.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        CallerContext.Set(http, key);
        return await next(context);
    }
}
