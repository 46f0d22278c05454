using Reelay.Accounts;
using Reelay.Api;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// APIFrame authentication: <c>Authorization: &lt;token&gt;</c> carrying the raw Reelay token (a
/// <c>Bearer</c> prefix is tolerated). Missing or invalid keys answer 401 with the body <c>{}</c>, as APIFrame does.
/// </summary>
public sealed class ApiFrameAuthFilter(ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (key is null) return ApiFrameResults.Empty(StatusCodes.Status401Unauthorized);
        if (ApiFrameResults.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        CallerContext.Set(http, key);
        return await next(context);
    }
}
