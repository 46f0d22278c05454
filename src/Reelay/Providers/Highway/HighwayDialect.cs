using Reelay.Api.Dialects;

namespace Reelay.Providers.Highway;

/// <summary>
/// Highway's async API (docs/dialects.md §3, seed 001; Novita's layout): Kling 2.5 Turbo image- and text-to-video
/// creation and the shared task-result poll, authenticated with <c>Authorization: Bearer &lt;Reelay token&gt;</c>.
/// </summary>
public sealed class HighwayDialect : IDialect
{
    public const string DialectName = "highway";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v3/async/kling-2.5-turbo-i2v", HighwayCreateEndpoint.ImageToVideoAsync).WithTags("Highway").WithMetadata(HighwayResponses.Unavailable);
        routes.MapPost("/v3/async/kling-2.5-turbo-t2v", HighwayCreateEndpoint.TextToVideoAsync).WithTags("Highway").WithMetadata(HighwayResponses.Unavailable);
        routes.MapGet("/v3/async/task-result", HighwayTaskResultEndpoint.HandleAsync).WithTags("Highway").WithMetadata(HighwayResponses.Unavailable);
    }
}
