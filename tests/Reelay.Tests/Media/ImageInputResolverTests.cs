using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Reelay.Media;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Media;

public sealed class ImageInputResolverTests : IDisposable
{
    private static readonly OutboundPolicy LoopbackAllowed = new() { AllowLoopback = true };
    private readonly TempDirectory _temp = new("reelay-resolve");
    private readonly FileSystemBlobStore _blobs;

    public ImageInputResolverTests() => _blobs = new FileSystemBlobStore(_temp.Sub("blobs"));

    public void Dispose() => _temp.Dispose();

    private ImageInputResolver Resolver(OutboundPolicy? policy = null) => new(_blobs, policy ?? new OutboundPolicy());

    private byte[] Image(string extension, int width, int height)
    {
        var path = _temp.File($"{Guid.NewGuid():N}.{extension}");
        TestMedia.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=1", "-frames:v", "1", "-vf", $"scale={width}:{height}", "-update", "1", path);
        return File.ReadAllBytes(path);
    }

    /// <summary>A PNG signature and IHDR claiming the size, padded with zeros to <paramref name="length"/> bytes (never decodable).</summary>
    private static byte[] PngHeader(int width, int height, int length = 64)
    {
        var bytes = new byte[length];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    private static string ExpectedReference(byte[] bytes, string extension) =>
        $"blob:inputs/{Convert.ToHexStringLower(SHA256.HashData(bytes))}.{extension}";

    private IReadOnlyList<string> StoredInputs() =>
        Directory.Exists(Path.Combine(_temp.Path, "blobs", "inputs"))
            ? Directory.GetFiles(Path.Combine(_temp.Path, "blobs", "inputs"))
            : [];

    private async Task<byte[]> StoredBytesAsync(string reference) =>
        await File.ReadAllBytesAsync(_blobs.TryGetLocalPath(BlobKeys.FromReference(reference)!)!);

    private static void AssertRefused(ImageResolution resolution, string messagePart)
    {
        Assert.Null(resolution.Reference);
        Assert.NotNull(resolution.Error);
        Assert.Contains(messagePart, resolution.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ResolveAsync_PngDataUri_StoredUnderContentHash()
    {
        var png = Image("png", 640, 360);

        var result = await Resolver().ResolveAsync("data:image/png;base64," + Convert.ToBase64String(png), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(ExpectedReference(png, "png"), result.Reference);
        Assert.Equal(png, await StoredBytesAsync(result.Reference!));
        Assert.Equal("image/png", (await _blobs.StatAsync(BlobKeys.FromReference(result.Reference)!, CancellationToken.None))!.ContentType);
    }

    [Fact]
    public async Task ResolveAsync_BareBase64Jpeg_StoredWithJpgExtension()
    {
        var jpeg = Image("jpg", 640, 480);

        var result = await Resolver().ResolveAsync(Convert.ToBase64String(jpeg), CancellationToken.None);

        Assert.Equal(ExpectedReference(jpeg, "jpg"), result.Reference);
        Assert.Equal(jpeg, await StoredBytesAsync(result.Reference!));
    }

    [Fact]
    public async Task ResolveAsync_LineWrappedBase64_Accepted()
    {
        var png = Image("png", 400, 400);
        var wrapped = Convert.ToBase64String(png, Base64FormattingOptions.InsertLineBreaks);

        var result = await Resolver().ResolveAsync("\n" + wrapped + "\n", CancellationToken.None);

        Assert.Equal(ExpectedReference(png, "png"), result.Reference);
    }

    [Fact]
    public async Task ResolveAsync_SameBytesTwice_SameKeyStoredOnce()
    {
        var png = Image("png", 640, 360);
        var resolver = Resolver();

        var first = await resolver.ResolveAsync("data:image/png;base64," + Convert.ToBase64String(png), CancellationToken.None);
        var stored = await _blobs.StatAsync(BlobKeys.FromReference(first.Reference)!, CancellationToken.None);
        var second = await resolver.ResolveAsync(Convert.ToBase64String(png), CancellationToken.None);

        Assert.Equal(first.Reference, second.Reference);
        Assert.Single(StoredInputs());
        Assert.Equal(stored, await _blobs.StatAsync(BlobKeys.FromReference(second.Reference)!, CancellationToken.None));
    }

    [Fact]
    public async Task ResolveAsync_StoredReference_AcceptedAsIs()
    {
        var first = await Resolver().ResolveAsync(Convert.ToBase64String(Image("png", 640, 360)), CancellationToken.None);

        var again = await Resolver().ResolveAsync(first.Reference!, CancellationToken.None);

        Assert.Equal(first.Reference, again.Reference);
        Assert.Single(StoredInputs());
    }

    [Fact]
    public async Task ResolveAsync_ReferenceToMissingInput_Refused() =>
        AssertRefused(await Resolver().ResolveAsync("blob:inputs/" + new string('a', 64) + ".png", CancellationToken.None), "does not exist");

    [Theory]
    [InlineData("jobs/0197a3c0-0000-7000-8000-000000000001/poster.jpg")]
    [InlineData("jobs/0197a3c0-0000-7000-8000-000000000001/raw.mp4")]
    public async Task ResolveAsync_ReferenceToAnotherJobsOutput_Refused(string key)
    {
        // Results of other jobs (possibly other tenants) are in the same store; a caller must not be able to use
        // one as "their" input image by naming its key.
        using (var bytes = new MemoryStream(Image("jpg", 640, 360)))
            await _blobs.PutAsync(key, bytes, FileSystemBlobStore.ContentTypeOf(key), CancellationToken.None);

        var result = await Resolver().ResolveAsync("blob:" + key, CancellationToken.None);

        Assert.Null(result.Reference);
        Assert.NotNull(result.Error);
    }

    [Theory]
    [InlineData(200, 200, "at least 300")]
    [InlineData(640, 299, "at least 300")]
    [InlineData(1600, 400, "aspect ratio")]
    [InlineData(400, 1600, "aspect ratio")]
    public async Task ResolveAsync_SizeOrAspectOutOfRange_Refused(int width, int height, string message)
    {
        var result = await Resolver().ResolveAsync(Convert.ToBase64String(Image("png", width, height)), CancellationToken.None);

        AssertRefused(result, message);
        Assert.Empty(StoredInputs());
    }

    [Theory]
    [InlineData(300, 300)]
    [InlineData(750, 300)]
    [InlineData(300, 750)]
    public async Task ResolveAsync_AtTheLimits_Accepted(int width, int height)
    {
        var result = await Resolver().ResolveAsync(Convert.ToBase64String(Image("png", width, height)), CancellationToken.None);

        Assert.Null(result.Error);
    }

    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(16_385, 8_000)]
    [InlineData(int.MaxValue, 1_000)]
    public async Task ResolveAsync_HugeHeaderDimensions_RefusedBeforeDecoding(int width, int height)
    {
        // Only a header: nothing here could be decoded, so the refusal comes from the header check.
        var result = await Resolver().ResolveAsync(Convert.ToBase64String(PngHeader(width, height)), CancellationToken.None);

        AssertRefused(result, "at most 16384");
        Assert.Empty(StoredInputs());
    }

    [Theory]
    [InlineData("aGVsbG8gd29ybGQ=", "must be a JPEG, PNG or WebP")]
    [InlineData("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "must be a JPEG, PNG or WebP")]
    [InlineData("not base64 at all!!", "not valid base64")]
    [InlineData("", "must be a JPEG, PNG or WebP")]
    [InlineData("data:image/png,rawbytes", "base64 encoded")]
    [InlineData("data:image/png;base64,%%%%", "not valid base64")]
    [InlineData("file:///etc/passwd", "http(s) URL")]
    [InlineData("ftp://example.com/image.png", "http(s) URL")]
    [InlineData("gopher://127.0.0.1:6379/_FLUSHALL", "http(s) URL")]
    public async Task ResolveAsync_UnusableInput_RefusedWithMessage(string input, string message) =>
        AssertRefused(await Resolver().ResolveAsync(input, CancellationToken.None), message);

    [Fact]
    public async Task ResolveAsync_OverTenMegabytes_Refused()
    {
        var big = PngHeader(400, 400, ImageInputResolver.MaxBytes + 1);

        AssertRefused(await Resolver().ResolveAsync(Convert.ToBase64String(big), CancellationToken.None), "larger than 10 MB");
        // Far over: refused on the text's length, before decoding.
        var bigger = PngHeader(400, 400, ImageInputResolver.MaxBytes + 4096);
        AssertRefused(await Resolver().ResolveAsync("data:image/png;base64," + Convert.ToBase64String(bigger), CancellationToken.None), "larger than 10 MB");
        Assert.Empty(StoredInputs());
    }

    [Fact]
    public async Task ResolveAsync_ExactlyTenMegabytes_Accepted()
    {
        var result = await Resolver().ResolveAsync(Convert.ToBase64String(PngHeader(400, 400, ImageInputResolver.MaxBytes)), CancellationToken.None);

        Assert.Null(result.Error);
    }

    private static Task<WebApplication> ServeAsync(byte[] png) =>
        LoopbackServer.StartAsync(app => app.MapGet("/image.png", () => Results.Bytes(png, "image/png")));

    [Fact]
    public async Task ResolveAsync_HttpUrlOnLoopbackUnderDefaultPolicy_Refused()
    {
        await using var server = await ServeAsync(Image("png", 640, 360));

        var result = await Resolver().ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        AssertRefused(result, "loopback");
        Assert.Empty(StoredInputs());
    }

    [Fact]
    public async Task ResolveAsync_HttpUrlOnLoopbackWhenAllowed_DownloadedAndStored()
    {
        var png = Image("png", 640, 360);
        await using var server = await ServeAsync(png);

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        Assert.Null(result.Error);
        Assert.Equal(ExpectedReference(png, "png"), result.Reference);
        Assert.Equal(png, await StoredBytesAsync(result.Reference!));
    }

    [Fact]
    public async Task ResolveAsync_RedirectFromAllowedHostToLinkLocal_RefusedPromptly()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/image.png", () => Results.Redirect("http://169.254.169.254/latest/meta-data/")));
        var clock = Stopwatch.StartNew();

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        AssertRefused(result, "link-local");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ResolveAsync_EndlessBodyWithoutContentLength_CutOffAtTenMegabytes()
    {
        long sent = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/image.png", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            var chunk = PngHeader(400, 400, 64 * 1024);
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref sent, chunk.Length);
                }
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        }));

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        AssertRefused(result, "larger than 10 MB");
        Assert.True(Interlocked.Read(ref sent) >= ImageInputResolver.MaxBytes / 2, "the server should have streamed a lot before the cut");
        Assert.Empty(StoredInputs());
    }

    [Fact]
    public async Task ResolveAsync_DeclaredLengthOverLimit_RefusedWithoutReadingBody()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/image.png", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            context.Response.ContentLength = 50L * 1024 * 1024;
            await context.Response.Body.WriteAsync(PngHeader(400, 400));
            await context.Response.Body.FlushAsync();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
        }));
        var clock = Stopwatch.StartNew();

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        AssertRefused(result, "larger than 10 MB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task ResolveAsync_NotFound_ClearMessage()
    {
        await using var server = await LoopbackServer.StartAsync(_ => { });

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/missing.png").ToString(), CancellationToken.None);

        AssertRefused(result, "could not be downloaded: HTTP 404");
    }

    [Fact]
    public async Task ResolveAsync_ServedHtmlInsteadOfImage_Refused()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/image.png", () => Results.Content("<html>nope</html>", "text/html")));

        var result = await Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/image.png").ToString(), CancellationToken.None);

        AssertRefused(result, "must be a JPEG, PNG or WebP");
    }

    [Fact]
    public async Task ResolveAsync_OverlongUrl_Refused() =>
        AssertRefused(await Resolver().ResolveAsync("https://example.com/" + new string('a', 2100), CancellationToken.None), "not a valid URL");

    [Fact]
    public async Task ResolveAsync_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource();
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/slow.png", async (HttpContext context) =>
        {
            await cts.CancelAsync();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
            catch (OperationCanceledException) { }
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Resolver(LoopbackAllowed).ResolveAsync(new Uri(server.BaseAddress(), "/slow.png").ToString(), cts.Token));
    }
}
