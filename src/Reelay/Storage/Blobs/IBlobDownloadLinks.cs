namespace Reelay.Storage.Blobs;

/// <summary>
/// Links that let a client download a blob straight from the backend (S3 presigned GET URLs), so result bytes do
/// not pass through Reelay. Registered only when configured (Reelay:Blobs:S3:PresignResultLinks).
/// </summary>
public interface IBlobDownloadLinks
{
    /// <summary>The longest a link of this backend can stay valid (S3: seven days); longer links go through Reelay.</summary>
    TimeSpan MaxLifetime { get; }

    /// <summary>A URL that downloads <paramref name="key"/> without other credentials until about <paramref name="expiresAt"/>.</summary>
    string CreateDownloadUrl(string key, DateTimeOffset expiresAt);
}
