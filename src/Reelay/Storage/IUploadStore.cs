namespace Reelay.Storage;

/// <summary>Durable records of hosted image uploads. Implemented by each job store backend.</summary>
public interface IUploadStore
{
    Task InsertAsync(UploadRecord upload, CancellationToken ct);

    Task<UploadRecord?> GetAsync(string id, CancellationToken ct);

    /// <summary>
    /// Records the stored image of an upload whose form has not expired at <paramref name="now"/>; false when the
    /// upload does not exist or expired. A repeated upload within the window replaces the image (as S3 would).
    /// </summary>
    Task<bool> CompleteAsync(string id, string blobRef, DateTimeOffset now, CancellationToken ct);
}
