using System.Globalization;

namespace Reelay.Storage.Blobs;

/// <summary>
/// Blobs as files under a root directory. Writes go to a temporary file in the target directory and are
/// renamed into place, so a key is either absent or complete. Content types derive from the extension.
/// Keys are relative paths of safe segments; anything that could escape the root is refused. A write cut off by a
/// crash leaves its temporary file behind: <see cref="SweepPartialWrites"/> (run at start-up) removes those.
/// </summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly long _minFreeBytes;

    /// <param name="minFreeBytes">Below this much free space on the root's disk, <see cref="PingAsync"/> reports failing (0: never).</param>
    public FileSystemBlobStore(string root, long minFreeBytes = 0)
    {
        _root = Path.GetFullPath(root);
        _minFreeBytes = minFreeBytes;
        Directory.CreateDirectory(_root);
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var tmp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, 1 << 16, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }
            StampAfterPredecessor(tmp, path);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
        return Info(key, new FileInfo(path));
    }

    /// <summary>Moves a finished local file into the store (same file system: a rename, no copy).</summary>
    public Task<BlobInfo> PutFileAsync(string key, string sourcePath, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        PlaceThroughTemp(path, tmp => File.Copy(sourcePath, tmp));
        return Task.FromResult(Info(key, new FileInfo(path)));
    }

    /// <summary>
    /// Takes a finished local file into the store without copying its bytes: flushed to disk, then renamed into place
    /// (a copy only when the file is on another file system). The source path is gone afterwards. Same guarantee as
    /// <see cref="PutAsync"/>: the key is absent or complete, and durable once this returns.
    /// </summary>
    public Task<BlobInfo> MoveFileInAsync(string key, string sourcePath, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = new FileStream(sourcePath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 1))
        {
            file.Flush(flushToDisk: true);
        }
        // Across file systems the move is a copy, which a full disk can cut short. A moved file keeps its old time:
        // refresh it so the partial-write sweep never takes this live write for a dead one.
        PlaceThroughTemp(path, tmp =>
        {
            File.Move(sourcePath, tmp);
            File.SetLastWriteTimeUtc(tmp, DateTime.UtcNow);
        });
        return Task.FromResult(Info(key, new FileInfo(path)));
    }

    public Task<BlobInfo?> StatAsync(string key, CancellationToken ct)
    {
        if (!TryPathOf(key, out var path)) return Task.FromResult<BlobInfo?>(null);
        var info = new FileInfo(path);
        return Task.FromResult(info.Exists ? Info(key, info) : null);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        if (!TryPathOf(key, out var path) || !File.Exists(path)) return Task.FromResult<Stream?>(null);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous));
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public async Task<Stream?> OpenRangeAsync(string key, long offset, long? length, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l) ArgumentOutOfRangeException.ThrowIfNegative(l);
        if (await OpenReadAsync(key, ct) is not { } file) return null;
        var start = Math.Min(offset, file.Length);
        file.Seek(start, SeekOrigin.Begin);
        var count = Math.Min(length ?? long.MaxValue, file.Length - start);
        return new BoundedReadStream(file, count);
    }

    public string? TryGetLocalPath(string key) => TryPathOf(key, out var path) && File.Exists(path) ? path : null;

    public Task<bool> DeleteAsync(string key, CancellationToken ct)
    {
        if (!TryPathOf(key, out var path) || !File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public async Task<bool> PingAsync(CancellationToken ct)
    {
        var probe = Path.Combine(_root, $".ping-{Guid.NewGuid():N}");
        try
        {
            if (_minFreeBytes > 0 && new DriveInfo(_root).AvailableFreeSpace < _minFreeBytes) return false;
            await File.WriteAllBytesAsync(probe, [1], ct);
            File.Delete(probe);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes the temporary files of writes that never finished (the writer was killed between creating the file and
    /// renaming it into place): files named <c>{key}.{32 hex}.tmp</c> last written before <paramref name="writtenBefore"/>.
    /// A live write touches its file as it copies and renames it within moments, so a cutoff some seconds in the past
    /// spares every write in progress. Returns how many were deleted.
    /// </summary>
    public int SweepPartialWrites(DateTimeOffset writtenBefore)
    {
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(_root, "*.tmp", SearchOption.AllDirectories))
        {
            if (!IsTempName(Path.GetFileName(file)) || File.GetLastWriteTimeUtc(file) >= writtenBefore.UtcDateTime) continue;
            try
            {
                File.Delete(file);
                deleted++;
            }
            catch (IOException)
            {
            }
        }
        return deleted;
    }

    /// <summary><c>name.{32 hex}.tmp</c>, the shape of this store's temporary files.</summary>
    private static bool IsTempName(string name)
    {
        var parts = name.Split('.');
        return parts.Length >= 3 && parts[^1] == "tmp" && parts[^2].Length == 32 && parts[^2].All(char.IsAsciiHexDigitLower);
    }

    /// <summary>The MIME type Reelay serves for a key, by extension.</summary>
    public static string ContentTypeOf(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "application/octet-stream",
    };

    /// <summary>
    /// Has <paramref name="fill"/> write a temporary file next to <paramref name="path"/>, then renames it into place.
    /// A fill cut short (disk full) leaves no partial bytes behind to take the space a retry needs.
    /// </summary>
    private static void PlaceThroughTemp(string path, Action<string> fill)
    {
        var tmp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            fill(tmp);
            StampAfterPredecessor(tmp, path);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    /// <summary>
    /// Gives a replacement a modification time after the blob it replaces. File-system clocks are coarse (one
    /// kernel tick on many systems) and can step back, and the ETag is length + time: without this a quick
    /// same-length overwrite could keep the old ETag and Last-Modified, and caches would keep the old bytes.
    /// </summary>
    private static void StampAfterPredecessor(string replacement, string existing)
    {
        var previous = new FileInfo(existing);
        if (!previous.Exists) return;
        var mine = File.GetLastWriteTimeUtc(replacement);
        if (mine <= previous.LastWriteTimeUtc) File.SetLastWriteTimeUtc(replacement, previous.LastWriteTimeUtc.AddTicks(10));
    }

    private static BlobInfo Info(string key, FileInfo file) => new(
        key,
        file.Length,
        ContentTypeOf(key),
        "\"" + file.Length.ToString("x", CultureInfo.InvariantCulture) + "-" + file.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture) + "\"",
        new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero));

    private string PathOf(string key) =>
        TryPathOf(key, out var path) ? path : throw new ArgumentException($"invalid blob key '{key}'", nameof(key));

    private bool TryPathOf(string key, out string path)
    {
        path = "";
        if (!BlobKeys.IsValid(key)) return false;
        var full = Path.GetFullPath(Path.Combine(_root, key));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return false;
        path = full;
        return true;
    }
}
