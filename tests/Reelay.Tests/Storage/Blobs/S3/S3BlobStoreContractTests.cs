using Amazon.S3.Model;
using Reelay.Storage.Blobs;
using Reelay.Storage.Blobs.S3;
using Reelay.TestSupport;

namespace Reelay.Tests.Storage.Blobs.S3;

/// <summary>The blob-store contract against a real S3-compatible server (s3rver on loopback), one bucket for the class.</summary>
public sealed class S3BlobStoreContractTests(S3BucketFixture bucket) : BlobStoreContract, IClassFixture<S3BucketFixture>, IDisposable
{
    private readonly S3BlobStore _store = S3Server.Store(bucket.Options);

    protected override IBlobStore Store => _store;

    /// <summary>
    /// s3rver writes an object's file in place as the body arrives, so two bodies arriving at once can interleave on
    /// its disk (S3 itself swaps objects atomically). Bodies that arrive in one piece keep this test about Reelay's side:
    /// each writer sends a whole value and none deletes or truncates another's.
    /// </summary>
    protected override int ConcurrentPutBytes => 1000;

    protected override async Task<IReadOnlyList<string>> ListStoredAsync()
    {
        using var client = S3ClientFactory.Create(bucket.Options);
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Options.Bucket });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public void Dispose() => _store.Dispose();
}
