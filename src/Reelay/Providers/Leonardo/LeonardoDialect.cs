using Reelay.Api.Dialects;

namespace Reelay.Providers.Leonardo;

/// <summary>Leonardo.ai's video API under <c>/api/rest/v1</c> (docs/dialects.md §5), with Bearer auth from a Reelay key.</summary>
public sealed class LeonardoDialect : IDialect
{
    public const string DialectName = "leonardo";
    public const string BasePath = "/api/rest/v1";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(BasePath).WithTags("Leonardo").WithMetadata(LeonardoResults.Unavailable).AddEndpointFilter<LeonardoAuthFilter>();
        api.MapPost("/generations-image-to-video", LeonardoGenerationsEndpoints.ImageToVideoAsync);
        api.MapPost("/generations-text-to-video", LeonardoGenerationsEndpoints.TextToVideoAsync);
        api.MapGet("/generations/{id}", LeonardoGenerationsEndpoints.GetAsync);
        api.MapPost("/init-image", LeonardoUploadEndpoints.InitImageAsync);
        // The upload form route takes no API key: its signed fields are the credential.
        routes.MapPost(LeonardoUploadEndpoints.UploadPath + "/{id}", LeonardoUploadEndpoints.UploadAsync).WithTags("Leonardo").WithMetadata(LeonardoResults.Unavailable);
    }
}
