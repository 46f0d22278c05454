using System.Buffers.Binary;
using System.Text;
using Reelay.Media;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

public sealed class ImageInspectorTests : IDisposable
{
    private readonly TempDirectory _temp = new("reelay-inspect");

    public void Dispose() => _temp.Dispose();

    /// <summary>A testsrc2 still at an exact (possibly odd) size, encoded by ffmpeg with the given codec arguments.</summary>
    private byte[] Encode(string extension, int width, int height, params string[] codecArgs)
    {
        var path = _temp.File($"{Guid.NewGuid():N}.{extension}");
        TestMedia.Ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=1", "-frames:v", "1", "-vf", $"scale={width}:{height}", .. codecArgs, "-update", "1", path]);
        return File.ReadAllBytes(path);
    }

    /// <summary>The smallest PNG prefix the inspector reads: signature and an IHDR claiming the given size.</summary>
    private static byte[] PngHeader(uint width, uint height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8; // bit depth
        bytes[25] = 2; // RGB
        return bytes;
    }

    [Theory]
    [InlineData(640, 360)]
    [InlineData(641, 359)]
    public void Inspect_Png_ReadsSize(int width, int height) =>
        Assert.Equal(new ImageHeader(ImageFormat.Png, width, height), ImageInspector.Inspect(Encode("png", width, height)));

    [Theory]
    [InlineData(640, 360)]
    [InlineData(641, 359)]
    public void Inspect_BaselineJpeg_ReadsSize(int width, int height)
    {
        var jpeg = Encode("jpg", width, height);
        Assert.Equal(0xC0, jpeg[FindMarker(jpeg, 0xC0) + 1]);

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, width, height), ImageInspector.Inspect(jpeg));
    }

    [Fact]
    public void Inspect_ProgressiveJpegFrameHeader_ReadsSize()
    {
        // ffmpeg cannot write progressive JPEG; the inspector reads headers only, so the baseline SOF0 marker is
        // relabelled SOF2 (progressive DCT) — the frame header layout is the same.
        var jpeg = Encode("jpg", 800, 600);
        jpeg[FindMarker(jpeg, 0xC0) + 1] = 0xC2;

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 800, 600), ImageInspector.Inspect(jpeg));
    }

    [Fact]
    public void Inspect_JpegWithExifAndHuffmanTablesBeforeFrame_SkipsToFrameHeader()
    {
        var jpeg = Encode("jpg", 500, 400);
        // SOI, then an APP1 "Exif" segment, a DHT segment whose bytes look like a size, and fill bytes, then the rest.
        var app1 = new byte[] { 0xFF, 0xE1, 0x00, 0x10 }.Concat("Exif\0\0"u8.ToArray()).Concat(new byte[8]).ToArray();
        var dht = new byte[] { 0xFF, 0xC4, 0x00, 0x09, 0x08, 0x11, 0x11, 0x22, 0x22, 0x00, 0x00 };
        var patched = jpeg[..2].Concat(app1).Concat(dht).Concat(new byte[] { 0xFF, 0xFF }).Concat(jpeg[2..]).ToArray();

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 500, 400), ImageInspector.Inspect(patched));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inspect_WebP_ReadsSize(bool lossless)
    {
        if (!TestMedia.HasEncoder("libwebp")) return; // this ffmpeg build cannot write WebP
        var webp = Encode("webp", 641, 359, "-c:v", "libwebp", "-lossless", lossless ? "1" : "0");
        Assert.Equal(lossless ? "VP8L" : "VP8 ", Encoding.ASCII.GetString(webp, 12, 4));

        Assert.Equal(new ImageHeader(ImageFormat.WebP, 641, 359), ImageInspector.Inspect(webp));
    }

    [Fact]
    public void Inspect_WebPExtendedHeader_ReadsCanvasSize()
    {
        var webp = new byte[30];
        "RIFF"u8.CopyTo(webp);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(webp.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), 10);
        webp[20] = 0x10; // alpha flag
        WriteUInt24(webp.AsSpan(24), 1999);
        WriteUInt24(webp.AsSpan(27), 99_999);

        Assert.Equal(new ImageHeader(ImageFormat.WebP, 2000, 100_000), ImageInspector.Inspect(webp));

        static void WriteUInt24(Span<byte> s, int v) { s[0] = (byte)v; s[1] = (byte)(v >> 8); s[2] = (byte)(v >> 16); }
    }

    [Fact]
    public void Inspect_PngClaimingHugeSize_ReportsItWithoutDecoding() =>
        Assert.Equal(new ImageHeader(ImageFormat.Png, 100_000, 100_000), ImageInspector.Inspect(PngHeader(100_000, 100_000)));

    [Theory]
    [InlineData(0u, 100u)]
    [InlineData(100u, 0u)]
    [InlineData(0x80000000u, 100u)]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu)]
    public void Inspect_PngWithImpossibleSize_Null(uint width, uint height) =>
        Assert.Null(ImageInspector.Inspect(PngHeader(width, height)));

    [Fact]
    public void Inspect_TruncatedPng_Null()
    {
        var png = Encode("png", 640, 360);
        Assert.Null(ImageInspector.Inspect(png.AsSpan(0, 23)));
        Assert.Null(ImageInspector.Inspect(png.AsSpan(0, 8)));
    }

    [Fact]
    public void Inspect_JpegTruncatedBeforeFrameHeader_Null()
    {
        var jpeg = Encode("jpg", 640, 360);
        var sof = FindMarker(jpeg, 0xC0);

        Assert.Null(ImageInspector.Inspect(jpeg.AsSpan(0, sof)));
        Assert.Null(ImageInspector.Inspect(jpeg.AsSpan(0, sof + 6)));
        Assert.Null(ImageInspector.Inspect(jpeg.AsSpan(0, 3)));
        Assert.NotNull(ImageInspector.Inspect(jpeg.AsSpan(0, sof + 9)));
    }

    [Fact]
    public void Inspect_JpegScanBeforeFrameHeader_Null() =>
        Assert.Null(ImageInspector.Inspect(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x00, 0x01, 0x00 }));

    [Fact]
    public void Inspect_JpegSegmentWithBadLength_Null() =>
        Assert.Null(ImageInspector.Inspect(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x00, 0x01, 0x00 }));

    [Fact]
    public void Inspect_TruncatedWebP_Null()
    {
        if (!TestMedia.HasEncoder("libwebp")) return;
        var webp = Encode("webp", 640, 360, "-c:v", "libwebp");

        Assert.Null(ImageInspector.Inspect(webp.AsSpan(0, 29)));
        var broken = webp.ToArray();
        broken[23] = 0; // VP8 key-frame start code damaged
        Assert.Null(ImageInspector.Inspect(broken));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, world")]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000")]
    [InlineData("BM6\u0000\u0000\u0000\u0000\u0000\u0000\u00006\u0000\u0000\u0000(\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000")]
    [InlineData("RIFF\u0000\u0000\u0000\u0000WAVEfmt \u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1000\" height=\"1000\"/>")]
    public void Inspect_NotAnImage_Null(string content) =>
        Assert.Null(ImageInspector.Inspect(Encoding.Latin1.GetBytes(content)));

    [Fact]
    public void Inspect_RandomBytes_NullWithoutThrowing()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length >= 2) { bytes[0] = 0xFF; bytes[1] = 0xD8; } // exercise the JPEG walker
            var header = ImageInspector.Inspect(bytes);
            if (header is not null) Assert.True(header.Width > 0 && header.Height > 0);
        }
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        for (var i = 2; i + 1 < jpeg.Length; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker) return i;
        throw new InvalidOperationException($"marker FF{marker:X2} not found");
    }
}
