using Reelay.Api;

namespace Reelay.Providers.Kling;

/// <summary>Guards the Kling routes with <see cref="KlingAuthenticator"/>; failures answer Kling's 401 body.</summary>
public sealed class KlingAuthFilter(KlingAuthenticator authenticator, Accounts.KeyRateLimiter rateLimiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var result = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
        if (result.Key is null) return KlingResults.Error(result.Code, result.Message);
        if (KlingResults.KeyLimits.CheckRate(rateLimiter, result.Key) is { } limited) return limited;
        CallerContext.Set(http, result.Key);
        return await next(context);
    }
}
