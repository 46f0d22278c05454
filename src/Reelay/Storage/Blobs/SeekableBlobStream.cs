namespace Reelay.Storage.Blobs;

/// <summary>
/// A read-only, seekable view of a stored blob of known length, so HTTP range processing (206, Content-Range,
/// If-Range) works for backends that are not local files. Bytes are fetched lazily with one ranged read from the
/// current position onward; a seek elsewhere drops that read and opens another, so a Range request costs one
/// ranged fetch and a HEAD or 304 none.
/// </summary>
public sealed class SeekableBlobStream(IBlobStore blobs, BlobInfo info) : Stream
{
    private Stream? _inner;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => info.Length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => info.Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != _position) DropInner();
        _position = target;
        return target;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (buffer.IsEmpty || _position >= info.Length) return 0;
        _inner ??= await blobs.OpenRangeAsync(info.Key, _position, null, ct)
            ?? throw new IOException($"blob '{info.Key}' was removed while being read");
        var n = await _inner.ReadAsync(buffer, ct);
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    /// <summary>Synchronous reads block on the asynchronous one; HTTP serving reads asynchronously.</summary>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) DropInner();
        base.Dispose(disposing);
    }

    private void DropInner()
    {
        _inner?.Dispose();
        _inner = null;
    }
}
