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
    /// Not run against s3rver: it writes an object's file (and its metadata file) in place as the body arrives, so
    /// concurrent writers to one key can interleave or fail on its disk — seen once in a loaded full run even with
    /// 1,000-byte bodies. S3 itself replaces an object atomically (a PUT or a completed multipart upload); the
    /// file-system store runs this test.
    /// </summary>
    [Fact(Skip = "s3rver is not atomic under concurrent writers to one key; S3 is (see the remarks)")]
    public override Task PutAsync_ConcurrentWritersToOneKey_LeaveOneCompleteValue() => Task.CompletedTask;

    protected override async Task<IReadOnlyList<string>> ListStoredAsync()
    {
        using var client = S3ClientFactory.Create(bucket.Options);
        var listing = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Options.Bucket });
        return (listing.S3Objects ?? []).Select(o => o.Key).ToList();
    }

    public void Dispose() => _store.Dispose();
}
