using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Security;
using Reelay.Storage;
using Reelay.Storage.Blobs;

namespace Reelay.Api.Native;

/// <summary>
/// <c>GET /v1/videos/{id}/content?variant=raw|min|poster</c>: with a Bearer key (owner or admin), or with a
/// valid signed link (<c>exp</c> + <c>sig</c>) and no key. Range requests, ETag and Last-Modified are supported.
/// </summary>
public static class VideoContent
{
    public static async Task<IResult> GetAsync(
        string id, string? variant, long? exp, string? sig,
        HttpContext http, IJobStore store, IBlobStore blobs, UrlSigner signer, ApiKeyAuthenticator authenticator, TimeProvider time)
    {
        variant ??= "min";
        if (variant is not ("raw" or "min" or "poster"))
            return Problems.Validation(Errors("variant", "must be raw, min or poster"));

        VideoJob? job;
        if (sig is not null || exp is not null)
        {
            if (exp is null || !signer.Verify(id, variant, exp.Value, sig, time.GetUtcNow()))
                return Problems.Forbidden("The link's signature is invalid or it has expired; fetch the video again for a fresh link.");
            job = await store.GetAsync(id, http.RequestAborted);
        }
        else
        {
            var key = await authenticator.AuthenticateTokenAsync(http.Request.Headers.Authorization.ToString(), http.RequestAborted);
            if (key is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return Problems.Unauthorized();
            }
            job = id.Length <= 64 ? await store.GetAsync(id, http.RequestAborted) : null;
            if (job is not null && !JobService.MayAccess(key, job)) job = null;
        }

        if (job is null) return Problems.NotFound($"Video '{id}'");
        if (job.Status == JobStatus.Succeeded && job.Outputs is null)
            return Problems.Make(StatusCodes.Status410Gone, "results_expired", "Gone", $"The files of video '{id}' passed their retention period and were deleted.");
        if (job.Outputs?.Get(variant) is not { } output)
            return Problems.Conflict("not_ready", $"Video '{id}' is {job.Status.ToNativeName()}; content exists only once it is completed.");

        var info = await blobs.StatAsync(output.BlobKey, http.RequestAborted);
        if (info is null) return Problems.NotFound($"Content '{variant}' of video '{id}'");
        var etag = new EntityTagHeaderValue(info.ETag.StartsWith('"') ? info.ETag : $"\"{info.ETag}\"");
        http.Response.Headers.CacheControl = sig is null ? "private, max-age=3600" : "public, max-age=3600, immutable";
        var fileName = $"{id}-{variant}{(variant == "poster" ? ".jpg" : ".mp4")}";
        http.Response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";

        return BlobResults.Serve(blobs, info, etag);
    }

    private static FieldErrors Errors(string field, string message)
    {
        var e = new FieldErrors();
        e.Add(field, message);
        return e;
    }
}
