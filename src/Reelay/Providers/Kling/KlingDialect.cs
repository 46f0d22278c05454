using Microsoft.Extensions.Options;
using Reelay.Api.Dialects;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling;

/// <summary>
/// The official Kling API (docs/dialects.md §1): <c>/v1/videos/{text2video|image2video}</c> create, query by task id
/// (or external_task_id) and list, behind HS256 JWT auth. Literal kind segments win over the native
/// <c>/v1/videos/{id}</c>. Other methods on these paths answer Kling's 404/1202.
/// </summary>
public sealed class KlingDialect : IDialect
{
    public const string DialectName = "kling";

    public string Name => DialectName;

    public void MapRoutes(IEndpointRouteBuilder routes)
    {
        foreach (var kind in new[] { KlingTaskKinds.Text2Video, KlingTaskKinds.Image2Video })
        {
            var path = $"/v1/videos/{kind}";
            var group = routes.MapGroup(path).WithTags("Kling").WithMetadata(KlingResults.Unavailable).AddEndpointFilter<KlingAuthFilter>();
            group.MapPost("", (HttpContext http, DialectCreateFlow flow, KlingRequestMapper mapper) => KlingEndpoints.CreateAsync(kind, http, flow, mapper));
            group.MapGet("", (HttpContext http, KlingTaskFinder finder, KlingTaskMapper tasks, IOptions<ReelayOptions> options) =>
                KlingEndpoints.ListAsync(kind, http, finder, tasks, options));
            group.MapGet("/{task_id}", (string task_id, HttpContext http, KlingTaskFinder finder, KlingTaskMapper tasks, IOptions<ReelayOptions> options) =>
                KlingEndpoints.QueryAsync(kind, task_id, http, finder, tasks, options));

            // Tagged like the rest of the dialect, so tools that sort endpoints by API (the fuzz campaign's error-shape
            // check, OpenAPI filters) see these answers as Kling's.
            routes.MapMethods(path, ["PUT", "PATCH", "DELETE"], KlingEndpoints.WrongMethod).WithTags("Kling").ExcludeFromDescription();
            routes.MapMethods(path + "/{task_id}", ["POST", "PUT", "PATCH", "DELETE"], KlingEndpoints.WrongMethod).WithTags("Kling").ExcludeFromDescription();
        }
    }
}
