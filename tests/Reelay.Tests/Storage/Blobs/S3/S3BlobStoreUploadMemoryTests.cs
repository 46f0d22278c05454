using System.Security.Cryptography;
using Reelay.TestSupport;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs.S3;

[Collection(AllocationSensitiveCollection.Name)]
public sealed class S3BlobStoreUploadMemoryTests(S3BucketFixture bucket) : IClassFixture<S3BucketFixture>
{
    private const long Size = 200L * 1024 * 1024;

    [Fact]
    public async Task PutAsync_200MegabyteStream_AllocatesAboutOnePartAndStoresExactBytes()
    {
        using var store = S3Server.Store(bucket.Options);
        await store.PutAsync("warm/up.bin", new GeneratedStream(6L * 1024 * 1024, 1), "application/octet-stream", CancellationToken.None);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var info = await store.PutAsync("big/raw.mp4", new GeneratedStream(Size, 42), "video/mp4", CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(Size, info.Length);
        // Parts are 5 MB: the whole 200 MB buffered would allocate at least 200 MB; streaming stays within a few parts.
        Assert.True(allocated < 32L * 1024 * 1024, $"uploading 200 MB allocated {allocated / (1024 * 1024)} MB");
        await using var read = await store.OpenReadAsync("big/raw.mp4", CancellationToken.None);
        Assert.Equal(await SHA256.HashDataAsync(new GeneratedStream(Size, 42)), await SHA256.HashDataAsync(read!));
    }
}
