namespace Reelay.Tests.Support;

/// <summary>
/// <paramref name="length"/> pseudo-random bytes computed on the fly (xorshift; the same seed gives the same bytes),
/// so large uploads can be tested without holding the content in memory.
/// </summary>
public sealed class GeneratedStream(long length, ulong seed) : ForwardOnlyReadStream
{
    private ulong _state = seed | 1;
    private long _position;

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            buffer[i] = (byte)_state;
        }
        _position += n;
        return n;
    }

    /// <summary>The whole content as an array (small lengths only).</summary>
    public static byte[] Bytes(int length, ulong seed)
    {
        var bytes = new byte[length];
        new GeneratedStream(length, seed).ReadExactly(bytes);
        return bytes;
    }
}
