using Reelay.Api;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// Keeps APIFrame routes in APIFrame's shape when something unexpected fails: 500 with <c>{}</c> (its documented
/// server-error body) instead of the native problem document. The failure is logged. An unavailable job or blob store
/// is not unexpected: it is answered 503 like on every other route.
/// </summary>
public sealed partial class ApiFrameFaultFilter(ILogger<ApiFrameFaultFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        // A dependency outage is left to DependencyUnavailableHandler, which answers 503 + Retry-After in APIFrame's shape.
        catch (Exception ex) when ((ex is not OperationCanceledException || !context.HttpContext.RequestAborted.IsCancellationRequested)
                                   && DependencyUnavailableHandler.Dependency(ex) is null)
        {
            LogFault(logger, context.HttpContext.Request.Path, ex);
            return ApiFrameResults.Empty(StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(EventId = 3600, Level = LogLevel.Error, Message = "APIFrame request {Path} failed unexpectedly")]
    private static partial void LogFault(ILogger logger, string path, Exception ex);
}
