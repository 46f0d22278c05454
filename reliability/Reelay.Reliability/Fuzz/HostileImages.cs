using System.Buffers.Binary;
using System.Text;

namespace Reelay.Reliability.Fuzz;

/// <summary>
/// Image payloads a hostile client sends: a decompression bomb (a valid, tiny PNG whose header claims 100,000 ×
/// 100,000 pixels), polyglots (GIF header + script; PNG + appended ZIP), truncations and near-misses. Built at run time.
/// </summary>
public static class HostileImages
{
    public static IReadOnlyList<byte[]> All(byte[] validPng) =>
    [
        Bomb(100_000, 100_000),
        Bomb(1, 65_535),
        Encoding.ASCII.GetBytes("GIF89a/*\x01\x00\x01\x00*/=1;alert(document.domain)//"),
        [.. validPng, .. "PK\x03\x04\x14\x00\x00\x00\x08\x00"u8.ToArray(), .. new byte[64]],
        validPng[..Math.Min(100, validPng.Length)],
        [0xFF, 0xD8, 0xFF, 0xE0],
        [],
        Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        [0x89, .. "PNG\r\n\x1a\n"u8.ToArray(), .. new byte[32]],
    ];

    /// <summary>A structurally valid PNG (signature, IHDR, one tiny IDAT, IEND; correct CRCs) claiming <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] Bomb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]); // zlib of one zero byte
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typed));
        s.Write(len);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
