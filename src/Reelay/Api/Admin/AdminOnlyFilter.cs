using Reelay.Accounts;

namespace Reelay.Api.Admin;

/// <summary>Admits only admin keys; runs after <see cref="BearerAuthFilter"/>. A user key gets 403 problem.</summary>
public sealed class AdminOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return context.HttpContext.Caller().Role == ApiKeyRole.Admin
            ? next(context)
            : ValueTask.FromResult<object?>(Problems.Forbidden("The admin API needs an admin key."));
    }
}
