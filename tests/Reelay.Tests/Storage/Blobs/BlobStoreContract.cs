using System.Security.Cryptography;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> guarantees, run against each implementation: content round-trips byte-exact
/// at any size (single and multipart), replacement, ranges, deletes, and "a key is absent or complete" under
/// concurrent writers and failing sources.
/// </summary>
public abstract class BlobStoreContract
{
    /// <summary>Bytes per part where the backend uploads in parts (S3: 5 MB in these tests); sizes below straddle it.</summary>
    protected const int PartSize = 5 * 1024 * 1024;

    private static readonly CancellationToken None = CancellationToken.None;

    protected abstract IBlobStore Store { get; }

    /// <summary>Every object the backend holds, including temporaries a failed write could leave (to prove none remain).</summary>
    protected abstract Task<IReadOnlyList<string>> ListStoredAsync();

    /// <summary>Size of each concurrent writer's content (see the S3 subclass for why it may differ).</summary>
    protected virtual int ConcurrentPutBytes => 2 * PartSize + 1000;

    private static string NewKey(string name = "raw.mp4") => $"jobs/{Guid.NewGuid():N}/{name}";

    private async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<byte[]?> ReadRangeAsync(string key, long offset, long? length)
    {
        await using var stream = await Store.OpenRangeAsync(key, offset, length, None);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(70_000)]
    [InlineData(PartSize)]
    [InlineData(2 * PartSize + 12_345)]
    public async Task PutAsync_AnySize_ReadsBackByteExact(int size)
    {
        var key = NewKey();
        var content = GeneratedStream.Bytes(size, (ulong)size + 7);

        var put = await Store.PutAsync(key, new GeneratedStream(size, (ulong)size + 7), "video/mp4", None);

        Assert.Equal(key, put.Key);
        Assert.Equal(size, put.Length);
        Assert.Equal("video/mp4", put.ContentType);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(await ReadAllAsync(key)));
    }

    [Fact]
    public async Task StatAsync_AfterPut_DescribesTheBlob()
    {
        var key = NewKey("poster.jpg");
        var put = await Store.PutAsync(key, new MemoryStream([1, 2, 3]), "image/jpeg", None);

        var stat = await Store.StatAsync(key, None);

        Assert.NotNull(stat);
        Assert.Equal(put.ETag, stat.ETag);
        Assert.Equal(3, stat.Length);
        Assert.Equal("image/jpeg", stat.ContentType);
        Assert.NotEqual(default, stat.LastModified);
    }

    [Fact]
    public async Task PutAsync_ExistingKey_ReplacesContentAndETag()
    {
        var key = NewKey();
        var first = await Store.PutAsync(key, new GeneratedStream(1000, 1), "video/mp4", None);

        var second = await Store.PutAsync(key, new GeneratedStream(1000, 2), "video/mp4", None);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(GeneratedStream.Bytes(1000, 2), await ReadAllAsync(key));
    }

    [Fact]
    public async Task OpenRangeAsync_Ranges_ReturnExactlyThoseBytesClippedToTheEnd()
    {
        var key = NewKey();
        var content = GeneratedStream.Bytes(PartSize + 100, 3);
        await Store.PutAsync(key, new MemoryStream(content), "video/mp4", None);

        Assert.Equal(content.AsSpan(1000, 5000).ToArray(), await ReadRangeAsync(key, 1000, 5000));
        Assert.Equal(content.AsSpan(PartSize - 10).ToArray(), await ReadRangeAsync(key, PartSize - 10, null));
        Assert.Equal(content.AsSpan(content.Length - 50).ToArray(), await ReadRangeAsync(key, content.Length - 50, 1000));
        Assert.Empty((await ReadRangeAsync(key, content.Length, null))!);
        Assert.Empty((await ReadRangeAsync(key, 10, 0))!);
    }

    [Fact]
    public async Task DeleteAsync_ExistingKey_RemovesIt()
    {
        var key = NewKey();
        await Store.PutAsync(key, new MemoryStream([9]), "video/mp4", None);

        Assert.True(await Store.DeleteAsync(key, None));

        Assert.Null(await Store.StatAsync(key, None));
        Assert.Null(await Store.OpenReadAsync(key, None));
        Assert.False(await Store.DeleteAsync(key, None));
    }

    [Fact]
    public async Task AbsentKey_ReadsAreNullAndDeleteIsFalse()
    {
        var key = NewKey();

        Assert.Null(await Store.StatAsync(key, None));
        Assert.Null(await Store.OpenReadAsync(key, None));
        Assert.Null(await Store.OpenRangeAsync(key, 0, 10, None));
        Assert.Null(await Store.OpenRangeAsync(key, 0, null, None));
        Assert.False(await Store.DeleteAsync(key, None));
    }

    [Fact]
    public virtual async Task PutAsync_ConcurrentWritersToOneKey_LeaveOneCompleteValue()
    {
        var key = NewKey();
        var seeds = new ulong[] { 11, 12, 13, 14 };

        await Task.WhenAll(seeds.Select(seed => Task.Run(() => Store.PutAsync(key, new GeneratedStream(ConcurrentPutBytes, seed), "video/mp4", None))));

        var stored = SHA256.HashData(await ReadAllAsync(key));
        Assert.Contains(seeds, seed => SHA256.HashData(GeneratedStream.Bytes(ConcurrentPutBytes, seed)).AsSpan().SequenceEqual(stored));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(PartSize + PartSize / 2)]
    public async Task PutAsync_SourceFailsMidway_LeavesNoObject(int goodBytes)
    {
        var key = NewKey();

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(key, new FailingStream(new GeneratedStream(goodBytes * 2, 5), goodBytes), "video/mp4", None));

        Assert.Null(await Store.StatAsync(key, None));
        Assert.DoesNotContain(await ListStoredAsync(), k => k.Contains(key.Split('/')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutAsync_SourceFailsWhileReplacing_KeepsThePreviousValue()
    {
        var key = NewKey();
        await Store.PutAsync(key, new GeneratedStream(2000, 8), "video/mp4", None);

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync(key, new FailingStream(new GeneratedStream(3 * PartSize, 9), PartSize + 10), "video/mp4", None));

        Assert.Equal(GeneratedStream.Bytes(2000, 8), await ReadAllAsync(key));
    }

    [Fact]
    public async Task PingAsync_ReachableStore_True() => Assert.True(await Store.PingAsync(None));
}
