using Reelay.Jobs;

namespace Reelay.Api.Native;

/// <summary><c>GET /v1/models</c>: the model catalog, so clients (and the console) offer only valid options.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/models", (ModelCatalog catalog) =>
        {
            var list = new NativeModelList(catalog.Models.Select(m => new NativeModel(
                m.Name, m.DisplayName, m.Durations, m.Modes, m.AspectRatios, m.CfgScale, m.EndFrame, m.ImageToVideo, m.TextToVideo, m.MaxPromptLength)).ToList());
            return TypedResults.Json(list, NativeJsonContext.Default.NativeModelList);
        }).WithTags("Models").WithName("ListModels").AddEndpointFilter<BearerAuthFilter>();
        return app;
    }
}
