using Reelay.Hosting;

namespace Reelay.Storage.Blobs.S3;

/// <summary>Creates the configured bucket at start when missing (Reelay:Blobs:S3:CreateBucket).</summary>
public sealed class S3BucketCreation(S3BlobStore store) : IStartupTask
{
    public Task RunAsync(CancellationToken ct) => store.EnsureBucketAsync(ct);
}
