using Reelay.Accounts;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage;
using Reelay.Upstreams;

namespace Reelay.Api;

/// <summary>
/// <c>GET /v1/upstreams</c> (admin keys): each configured upstream's circuit state, in-flight jobs and recent
/// errors. <c>POST /v1/upstream-callbacks/{upstream}/{jobId}</c>: an upstream's status callback — only a hint:
/// it makes the job's next poll happen now (see <see cref="UpstreamCallbackHints"/>), and the poll's answer is what counts.
/// </summary>
public static class UpstreamsApi
{
    /// <summary>The native API's JSON naming (snake_case), shared with <c>reelay upstreams</c>.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions SnakeCase = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
    };

    public static IEndpointRouteBuilder MapUpstreamsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/upstreams", async (HttpContext http, UpstreamRouter router) =>
        {
            if (http.Caller().Role != ApiKeyRole.Admin) return Problems.Forbidden("Listing upstreams needs an admin key.");
            return Results.Json(new { @object = "list", data = await router.StatusAsync(http.RequestAborted) }, SnakeCase);
        }).WithTags("Upstreams").AddEndpointFilter<BearerAuthFilter>();

        app.MapPost("/v1/upstream-callbacks/{upstream}/{jobId}", (string upstream, string jobId, UpstreamCallbackHints hints) =>
        {
            // Answer 204 whatever happened: the sender learns nothing about which ids exist.
            // {upstream} names the protocol (kling, ...) for readability; the job itself says which engine polls it.
            hints.Accept(jobId);
            return Results.NoContent();
        }).WithTags("Upstreams").ExcludeFromDescription();
        return app;
    }
}
