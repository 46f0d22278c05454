using Reelay.Storage;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Api;

/// <summary>
/// <c>GET /v1/upstream-inputs/{jobId}/{slot}?exp&amp;sig</c>: serves a job's stored start or end image to an upstream
/// that can only take image URLs (see <see cref="UpstreamInputLinks"/>). No API key: the signed link is the
/// credential. Every refusal (bad or expired signature, unknown job, no such image) is the same 404, so the link
/// reveals nothing about which jobs exist.
/// </summary>
public static class UpstreamInputsApi
{
    public static IEndpointRouteBuilder MapUpstreamInputsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/upstream-inputs/{jobId}/{slot}", async (string jobId, string slot, long? exp, string? sig, HttpContext http,
            IJobStore store, IBlobStore blobs, Security.UrlSigner signer, TimeProvider time) =>
        {
            var ct = http.RequestAborted;
            if (exp is null || jobId.Length > 64 || !new UpstreamInputLinks(signer).Verify(jobId, slot, exp.Value, sig, time.GetUtcNow()))
                return Results.NotFound();
            var job = await store.GetAsync(jobId, ct);
            var reference = slot == UpstreamInputLinks.StartSlot ? job?.Request.StartImage : job?.Request.EndImage;
            if (BlobKeys.FromReference(reference) is not { } key) return Results.NotFound();
            var info = await blobs.StatAsync(key, ct);
            if (info is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return BlobResults.Serve(blobs, info, enableRanges: false);
        }).WithTags("Upstreams").ExcludeFromDescription();
        return app;
    }
}
