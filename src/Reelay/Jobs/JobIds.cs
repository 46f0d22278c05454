using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Reelay.Jobs;

/// <summary>
/// Job ids: UUIDv7 (RFC 9562) whose 12-bit <c>rand_a</c> field is a per-millisecond counter, so ids made by
/// one process sort strictly in creation order even within a millisecond ("newest first" lists and
/// cursors depend on it). Across nodes, ids of the same millisecond sort arbitrarily but never collide.
/// </summary>
public static class JobIds
{
    private static readonly Lock Gate = new();
    private static long _lastMs;
    private static int _counter;

    public static string New(DateTimeOffset now)
    {
        long ms;
        int counter;
        lock (Gate)
        {
            ms = Math.Max(now.ToUnixTimeMilliseconds(), _lastMs);
            if (ms == _lastMs && _counter < 0xFFF)
            {
                _counter++;
            }
            else
            {
                if (ms == _lastMs) ms++; // counter exhausted: borrow the next millisecond
                _counter = RandomNumberGenerator.GetInt32(0, 0x400); // random start leaves room to count up
            }
            _lastMs = ms;
            counter = _counter;
        }

        Span<byte> b = stackalloc byte[16];
        RandomNumberGenerator.Fill(b[8..]);
        BinaryPrimitives.WriteInt64BigEndian(b, ms << 16);
        b[6] = (byte)(0x70 | (counter >> 8));
        b[7] = (byte)counter;
        b[8] = (byte)(0x80 | (b[8] & 0x3F));
        return new Guid(b, bigEndian: true).ToString();
    }
}
