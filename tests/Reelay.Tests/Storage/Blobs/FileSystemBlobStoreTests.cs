using System.Text;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-blobs");
    private readonly FileSystemBlobStore _store;

    public FileSystemBlobStoreTests() => _store = new FileSystemBlobStore(_temp.Path);

    public void Dispose() => _temp.Dispose();

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task<string> ReadAllAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task PutAsync_ThenStatOpenDelete_RoundTrips()
    {
        var put = await _store.PutAsync("jobs/j1/raw.mp4", Bytes("hello video"), "video/mp4", CancellationToken.None);

        Assert.Equal("jobs/j1/raw.mp4", put.Key);
        Assert.Equal(11, put.Length);
        Assert.Equal("video/mp4", put.ContentType);
        Assert.Matches("^\"[0-9a-f]+-[0-9a-f]+\"$", put.ETag);

        var stat = await _store.StatAsync("jobs/j1/raw.mp4", CancellationToken.None);
        Assert.Equal(put, stat);

        await using (var read = await _store.OpenReadAsync("jobs/j1/raw.mp4", CancellationToken.None))
        {
            Assert.NotNull(read);
            Assert.True(read.CanSeek);
            Assert.Equal("hello video", await ReadAllAsync(read));
        }

        var local = _store.TryGetLocalPath("jobs/j1/raw.mp4");
        Assert.Equal(Path.Combine(_temp.Path, "jobs", "j1", "raw.mp4"), local);

        Assert.True(await _store.DeleteAsync("jobs/j1/raw.mp4", CancellationToken.None));
        Assert.Null(await _store.StatAsync("jobs/j1/raw.mp4", CancellationToken.None));
        Assert.Null(await _store.OpenReadAsync("jobs/j1/raw.mp4", CancellationToken.None));
        Assert.Null(_store.TryGetLocalPath("jobs/j1/raw.mp4"));
        Assert.False(await _store.DeleteAsync("jobs/j1/raw.mp4", CancellationToken.None));
    }

    [Theory]
    [InlineData("a/poster.jpg", "image/jpeg")]
    [InlineData("a/x.JPEG", "image/jpeg")]
    [InlineData("inputs/abc.png", "image/png")]
    [InlineData("inputs/abc.webp", "image/webp")]
    [InlineData("a/b.bin", "application/octet-stream")]
    public void ContentTypeOf_Extension_MapsToMime(string key, string expected) =>
        Assert.Equal(expected, FileSystemBlobStore.ContentTypeOf(key));

    [Fact]
    public async Task PutAsync_Overwrite_ReplacesContentAndChangesETag()
    {
        var first = await _store.PutAsync("k/v.bin", Bytes("aaaa"), "application/octet-stream", CancellationToken.None);
        // Same length on purpose: the validator must not depend on the size alone.
        var second = await _store.PutAsync("k/v.bin", Bytes("bbbb"), "application/octet-stream", CancellationToken.None);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal(second.ETag, (await _store.StatAsync("k/v.bin", CancellationToken.None))!.ETag);
        await using var read = await _store.OpenReadAsync("k/v.bin", CancellationToken.None);
        Assert.Equal("bbbb", await ReadAllAsync(read!));
    }

    [Fact]
    public async Task PutAsync_ManyQuickSameLengthOverwrites_EveryETagDistinct()
    {
        var etags = new HashSet<string>();
        for (var i = 0; i < 50; i++)
        {
            var info = await _store.PutAsync("k/v.bin", Bytes($"v{i % 10}"), "application/octet-stream", CancellationToken.None);
            Assert.True(etags.Add(info.ETag), $"ETag {info.ETag} repeated at write {i}");
        }
    }

    [Fact]
    public async Task PutAsync_ExistingBlobStampedInTheFuture_ReplacementStillNewerWithNewETag()
    {
        // Simulates a coarse or stepped-back file-system clock: the replacement must not inherit an older or equal
        // time, or caches validating with Last-Modified / the length+time ETag would keep the old bytes.
        var first = await _store.PutAsync("k/t.bin", Bytes("aaaa"), "application/octet-stream", CancellationToken.None);
        var future = DateTime.UtcNow.AddHours(1);
        File.SetLastWriteTimeUtc(_store.TryGetLocalPath("k/t.bin")!, future);

        var second = await _store.PutAsync("k/t.bin", Bytes("bbbb"), "application/octet-stream", CancellationToken.None);

        Assert.True(second.LastModified > new DateTimeOffset(future), $"{second.LastModified:o} should be after {future:o}");
        Assert.NotEqual(first.ETag, second.ETag);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../escape.txt")]
    [InlineData("a/..")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/./b")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\b")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("")]
    [InlineData("%2e%2e/escape")]
    [InlineData("a/%2e%2e/b")]
    [InlineData("a/b c")]
    [InlineData("a/b\0c")]
    [InlineData("C:/x")]
    [InlineData("~/x")]
    public async Task InvalidKey_EveryOperation_Refused(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(key, Bytes("x"), "text/plain", CancellationToken.None));
        Assert.Null(await _store.StatAsync(key, CancellationToken.None));
        Assert.Null(await _store.OpenReadAsync(key, CancellationToken.None));
        Assert.Null(_store.TryGetLocalPath(key));
        Assert.False(await _store.DeleteAsync(key, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_temp.Path)!, "escape.txt")));
    }

    [Fact]
    public async Task InvalidKey_TooLong_Refused()
    {
        var key = "a/" + new string('b', 520);
        await Assert.ThrowsAsync<ArgumentException>(() => _store.PutAsync(key, Bytes("x"), "text/plain", CancellationToken.None));
        Assert.Null(await _store.StatAsync(key, CancellationToken.None));
    }

    /// <summary>
    /// Regression (crash campaign): a write killed between creating its temporary file and renaming it left
    /// <c>{key}.{guid}.tmp</c> files that nothing ever removed.
    /// </summary>
    [Fact]
    public async Task SweepPartialWrites_TempFileOfAKilledWrite_DeletedWhileFreshTempFilesAndBlobsStay()
    {
        await _store.PutAsync("jobs/a/raw.mp4", Bytes("complete"), "video/mp4", CancellationToken.None);
        var dir = Path.Combine(_temp.Path, "jobs", "a");
        var dead = Path.Combine(dir, $"min.mp4.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(dir, $"poster.jpg.{Guid.NewGuid():N}.tmp");
        var foreign = Path.Combine(dir, "notes.tmp");
        foreach (var f in new[] { dead, live, foreign }) await File.WriteAllTextAsync(f, "partial");
        var cutoff = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(10);
        File.SetLastWriteTimeUtc(dead, cutoff.UtcDateTime.AddMinutes(-1));
        File.SetLastWriteTimeUtc(foreign, cutoff.UtcDateTime.AddMinutes(-1));

        var deleted = _store.SweepPartialWrites(cutoff);

        Assert.Equal(1, deleted);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(foreign));
        Assert.NotNull(await _store.StatAsync("jobs/a/raw.mp4", CancellationToken.None));
    }

    [Fact]
    public async Task MoveFileInAsync_OldSourceFile_NotTakenForADeadWriteBySweep()
    {
        var source = Path.Combine(_temp.Path, "download.mp4");
        await File.WriteAllTextAsync(source, "downloaded");
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddHours(-1));

        var info = await _store.MoveFileInAsync("jobs/b/raw.mp4", source, CancellationToken.None);

        Assert.True(info.LastModified > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal(0, _store.SweepPartialWrites(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task PutAsync_SourceThrowsMidway_NoPartialFileVisible()
    {
        var source = new FailingStream(bytesBeforeFailure: 200_000);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("jobs/j2/raw.mp4", source, "video/mp4", CancellationToken.None));

        Assert.True(source.BytesRead > 0, "the store should have started copying");
        Assert.Null(await _store.StatAsync("jobs/j2/raw.mp4", CancellationToken.None));
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAsync_OverwriteFailsMidway_OldContentIntact()
    {
        var old = await _store.PutAsync("k/v.bin", Bytes("old content"), "application/octet-stream", CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => _store.PutAsync("k/v.bin", new FailingStream(100_000), "application/octet-stream", CancellationToken.None));

        Assert.Equal(old, await _store.StatAsync("k/v.bin", CancellationToken.None));
        await using (var read = await _store.OpenReadAsync("k/v.bin", CancellationToken.None))
            Assert.Equal("old content", await ReadAllAsync(read!));
        Assert.Single(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutAsync_Canceled_NoFileLeft()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.PutAsync("k/c.bin", new FailingStream(1_000_000), "application/octet-stream", cts.Token));

        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task PutFileAsync_CopiesFileUnderKey()
    {
        var source = _temp.File("source.bin");
        await File.WriteAllTextAsync(source, "from disk");
        using var store = new TempDirectory("reelay-blobs2");
        var other = new FileSystemBlobStore(store.Path);

        var info = await other.PutFileAsync("jobs/j3/raw.mp4", source, CancellationToken.None);

        Assert.Equal(9, info.Length);
        await using var read = await other.OpenReadAsync("jobs/j3/raw.mp4", CancellationToken.None);
        Assert.Equal("from disk", await ReadAllAsync(read!));
    }

    [Fact]
    public async Task MoveFileInAsync_LocalFile_StoredUnderKeyAndSourceGone()
    {
        var source = _temp.File("moved.bin");
        await File.WriteAllTextAsync(source, "moved in");

        var info = await _store.MoveFileInAsync("jobs/j4/raw.mp4", source, CancellationToken.None);

        Assert.Equal(8, info.Length);
        Assert.False(File.Exists(source));
        await using var read = await _store.OpenReadAsync("jobs/j4/raw.mp4", CancellationToken.None);
        Assert.Equal("moved in", await ReadAllAsync(read!));
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task OpenReadAsync_BlobDeletedWhileOpen_ReaderKeepsBytes()
    {
        await _store.PutAsync("k/open.bin", Bytes("still here"), "application/octet-stream", CancellationToken.None);
        await using var read = await _store.OpenReadAsync("k/open.bin", CancellationToken.None);

        Assert.True(await _store.DeleteAsync("k/open.bin", CancellationToken.None));

        Assert.Equal("still here", await ReadAllAsync(read!));
    }

    [Fact]
    public async Task PingAsync_WritableRoot_TrueAndLeavesNothing()
    {
        Assert.True(await _store.PingAsync(CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task PingAsync_RootReplacedByFile_False()
    {
        using var temp = new TempDirectory("reelay-blobs-ping");
        var root = temp.Sub("root");
        var store = new FileSystemBlobStore(root);
        Directory.Delete(root);
        await File.WriteAllTextAsync(root, "not a directory");

        Assert.False(await store.PingAsync(CancellationToken.None));
    }

    /// <summary>Yields zero bytes, then throws an IOException once <paramref name="bytesBeforeFailure"/> were read.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (BytesRead >= bytesBeforeFailure) throw new IOException("source failed midway");
            var n = (int)Math.Min(buffer.Length, bytesBeforeFailure - BytesRead);
            buffer[..n].Clear();
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            ct.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Read(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }
}
