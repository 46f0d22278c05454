namespace Reelay.Tests.Support;

/// <summary>Reads <paramref name="goodBytes"/> bytes of <paramref name="inner"/>, then fails as a broken source would (IOException).</summary>
public sealed class FailingStream(Stream inner, long goodBytes) : ForwardOnlyReadStream
{
    private long _read;

    public override int Read(Span<byte> buffer)
    {
        if (_read >= goodBytes) throw new IOException("the source broke mid-stream");
        var n = inner.Read(buffer[..(int)Math.Min(buffer.Length, goodBytes - _read)]);
        _read += n;
        return n;
    }
}
