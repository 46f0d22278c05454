namespace Reelay.Storage.Blobs;

/// <summary>
/// Result and input files. Implementations: file system (embedded) and S3-compatible (cluster).
/// Guarantee: a key is either absent or holds the complete bytes written; readers never see a partial file.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="key"/>, streaming (no whole-file buffering), replacing any old value.</summary>
    Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct);

    Task<BlobInfo?> StatAsync(string key, CancellationToken ct);

    /// <summary>Opens the blob for reading; seekable where the backend allows (file system). Null when absent.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>
    /// Opens bytes [<paramref name="offset"/>, <paramref name="offset"/> + <paramref name="length"/>) of the blob, clipped
    /// to its end (to the end when <paramref name="length"/> is null; empty when the offset is at or past it). Null when absent.
    /// </summary>
    Task<Stream?> OpenRangeAsync(string key, long offset, long? length, CancellationToken ct);

    /// <summary>A path on local disk when the backend is the file system (lets Kestrel use sendfile); else null.</summary>
    string? TryGetLocalPath(string key);

    Task<bool> DeleteAsync(string key, CancellationToken ct);

    Task<bool> PingAsync(CancellationToken ct);
}
