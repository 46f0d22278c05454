using Microsoft.Net.Http.Headers;
using Reelay.Storage.Blobs;

namespace Reelay.Api;

/// <summary>
/// Serves a stored blob over HTTP whatever the backend: local files by path (Kestrel's sendfile), others through a
/// <see cref="SeekableBlobStream"/>, so Range requests get the same 206/416 and Content-Range answers either way.
/// </summary>
public static class BlobResults
{
    public static IResult Serve(IBlobStore blobs, BlobInfo info, EntityTagHeaderValue? etag = null, bool enableRanges = true) =>
        blobs.TryGetLocalPath(info.Key) is { } path
            ? Results.File(path, info.ContentType, lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: enableRanges)
            : Results.Stream(new SeekableBlobStream(blobs, info), info.ContentType, lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: enableRanges);
}
