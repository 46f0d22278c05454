using System.Buffers.Binary;

namespace Reelay.Media;

/// <summary>
/// Reads format and dimensions from JPEG, PNG and WebP headers without decoding pixels, so size rules and
/// decompression bombs are checked before any decoder touches the bytes. Returns null for anything else.
/// </summary>
public static class ImageInspector
{
    public static ImageHeader? Inspect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            && data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            var w = BinaryPrimitives.ReadInt32BigEndian(data.Slice(16, 4));
            var h = BinaryPrimitives.ReadInt32BigEndian(data.Slice(20, 4));
            return w > 0 && h > 0 ? new ImageHeader(ImageFormat.Png, w, h) : null;
        }
        if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8) return Jpeg(data);
        if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return WebP(data);
        return null;
    }

    private static ImageHeader? Jpeg(ReadOnlySpan<byte> d)
    {
        var i = 2;
        while (i + 4 <= d.Length)
        {
            if (d[i] != 0xFF) return null;
            var marker = d[i + 1];
            if (marker == 0xFF) { i++; continue; }            // fill byte
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7)) { i += 2; continue; } // markers without length
            var length = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 2, 2));
            if (length < 2) return null;
            // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 9 > d.Length) return null;
                var h = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 5, 2));
                var w = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 7, 2));
                return w > 0 && h > 0 ? new ImageHeader(ImageFormat.Jpeg, w, h) : null;
            }
            if (marker == 0xDA) return null; // scan started without a frame header
            i += 2 + length;
        }
        return null;
    }

    private static ImageHeader? WebP(ReadOnlySpan<byte> d)
    {
        var chunk = d.Slice(12, 4);
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height.
            if (d[23] != 0x9D || d[24] != 0x01 || d[25] != 0x2A) return null;
            var w = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(26, 2)) & 0x3FFF;
            var h = BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(28, 2)) & 0x3FFF;
            return w > 0 && h > 0 ? new ImageHeader(ImageFormat.WebP, w, h) : null;
        }
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (d[20] != 0x2F) return null;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(21, 4));
            return new ImageHeader(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var w = 1 + (d[24] | d[25] << 8 | d[26] << 16);
            var h = 1 + (d[27] | d[28] << 8 | d[29] << 16);
            return new ImageHeader(ImageFormat.WebP, w, h);
        }
        return null;
    }
}
