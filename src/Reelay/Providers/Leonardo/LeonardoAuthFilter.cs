using Reelay.Accounts;
using Reelay.Api;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo authentication: <c>Authorization: Bearer &lt;Reelay token&gt;</c>. Failures answer 401 in Leonardo's error
/// shape (<c>access-denied</c> when no credentials were sent, <c>invalid-jwt</c> when they are wrong or revoked).
/// </summary>
public sealed class LeonardoAuthFilter(ApiKeyAuthenticator authenticator, KeyRateLimiter rateLimiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return LeonardoResults.Error(StatusCodes.Status401Unauthorized, "access-denied", "$", "Authorization header is missing");
        var key = await authenticator.AuthenticateTokenAsync(header, http.RequestAborted);
        if (key is null)
            return LeonardoResults.Error(StatusCodes.Status401Unauthorized, "invalid-jwt", "$", "Invalid API key");
        if (LeonardoResults.KeyLimits.CheckRate(rateLimiter, key) is { } limited) return limited;
        CallerContext.Set(http, key);
        return await next(context);
    }
}
