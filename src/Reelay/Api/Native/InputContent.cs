using Reelay.Storage.Blobs;

namespace Reelay.Api.Native;

/// <summary>
/// <c>GET /v1/inputs/{file}?exp=E&amp;sig=S</c>: a stored input image behind a signed link (<see cref="InputImageLinks"/>),
/// for URL-only upstreams to fetch a job's start image. No key is accepted instead of the signature.
/// </summary>
public static class InputContent
{
    public static async Task<IResult> GetAsync(string file, long? exp, string? sig, HttpContext http, IBlobStore blobs, InputImageLinks links, TimeProvider time)
    {
        if (links.Verify(file, exp, sig, time.GetUtcNow()) is not { } key)
            return Problems.Forbidden("The link's signature is invalid or it has expired.");
        var info = await blobs.StatAsync(key, http.RequestAborted);
        if (info is null) return Problems.NotFound($"Input '{file}'");
        http.Response.Headers.CacheControl = "public, max-age=3600, immutable";
        return BlobResults.Serve(blobs, info);
    }
}
