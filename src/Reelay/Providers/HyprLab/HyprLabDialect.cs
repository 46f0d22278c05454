using Reelay.Api.Dialects;

namespace Reelay.Providers.HyprLab;

/// <summary>
/// HyprLab's video API (docs/dialects.md §4, seed 002): <c>POST /v1/video/generations</c> answering a polling URL,
/// and that URL, <c>GET /v1/video/generations/{id}</c>; <c>Authorization: Bearer &lt;Reelay token&gt;</c>.
/// HyprLab sends no notifications, so this dialect has no webhook composer.
/// </summary>
public sealed class HyprLabDialect : IDialect
{
    public const string DialectName = "hyprlab";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost(HyprLabCreateEndpoint.Path, HyprLabCreateEndpoint.HandleAsync).WithTags("HyprLab").WithMetadata(HyprLabResponses.Unavailable);
        routes.MapGet(HyprLabCreateEndpoint.Path + "/{id}", HyprLabPollEndpoint.HandleAsync).WithTags("HyprLab").WithMetadata(HyprLabResponses.Unavailable);
    }
}
