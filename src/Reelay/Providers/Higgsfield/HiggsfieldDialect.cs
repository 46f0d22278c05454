using Reelay.Api.Dialects;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Higgsfield's platform API (docs/dialects.md §2, seed 000): <c>POST /generate/kling-2-5</c> and
/// <c>GET /v1/job-sets/{id}</c>, authenticated with <c>hf-api-key</c> + <c>hf-secret</c>.
/// </summary>
public sealed class HiggsfieldDialect : IDialect
{
    public const string DialectName = "higgsfield";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/generate/kling-2-5", HiggsfieldGenerateEndpoint.HandleAsync).WithTags("Higgsfield").WithMetadata(HiggsfieldResponses.Unavailable);
        routes.MapGet("/v1/job-sets/{id}", HiggsfieldJobSetEndpoint.HandleAsync).WithTags("Higgsfield").WithMetadata(HiggsfieldResponses.Unavailable);
    }
}
