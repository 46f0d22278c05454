using Reelay.Api.Dialects;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// APIFrame's Kling API (seed 004, docs/dialects.md §6): <c>POST /kling-imagine</c>, <c>POST /fetch</c>,
/// <c>POST /fetch-many</c>, authenticated with the raw token in <c>Authorization</c>.
/// </summary>
public sealed class ApiFrameDialect : IDialect
{
    public const string DialectName = "apiframe";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        // No .WithName: these routes are mapped twice (root and /compat/apiframe).
        var group = routes.MapGroup("").WithTags("APIFrame").WithMetadata(ApiFrameResults.Unavailable)
            .AddEndpointFilter<ApiFrameFaultFilter>()
            .AddEndpointFilter<ApiFrameAuthFilter>();
        group.MapPost("/kling-imagine", ApiFrameImagineEndpoint.CreateAsync);
        group.MapPost("/fetch", ApiFrameFetchEndpoints.FetchAsync);
        group.MapPost("/fetch-many", ApiFrameFetchEndpoints.FetchManyAsync);
    }
}
