using System.Net;
using System.Security.Cryptography;
using Reelay.Security;
using Reelay.Storage.Blobs;

namespace Reelay.Media;

/// <summary>
/// Accepts an input image as an http(s) URL, a <c>data:</c> URI or bare base64, checks it (≤ 10 MB, JPEG/PNG/WebP
/// by content, each side ≥ 300 px and ≤ 16384 px, aspect between 1:2.5 and 2.5:1) and stores it once under
/// <c>inputs/&lt;sha256&gt;.&lt;ext&gt;</c>. Downloads go through the SSRF guard with a time and size limit that
/// does not trust Content-Length. The job keeps the stored reference, never the caller's URL.
/// </summary>
public sealed class ImageInputResolver
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MinSide = 300;
    public const int MaxSide = 16384;
    public const double MaxAspect = 2.5;
    private const string InputsPrefix = "inputs/";
    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromSeconds(20);

    private readonly IBlobStore _blobs;
    private readonly HttpClient _http;

    public ImageInputResolver(IBlobStore blobs, OutboundPolicy policy)
    {
        _blobs = blobs;
        _http = new HttpClient(SsrfGuard.CreateHandler(policy, TimeSpan.FromSeconds(5))) { Timeout = DownloadTimeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Reelay/1.0 (+image fetch)");
    }

    public async Task<ImageResolution> ResolveAsync(string input, CancellationToken ct)
    {
        if (BlobKeys.FromReference(input) is { } existing)
        {
            // Only stored inputs (content-addressed: naming one means having had its bytes). Other keys are other
            // jobs' results, possibly another tenant's, and must not become this caller's start image.
            if (!existing.StartsWith(InputsPrefix, StringComparison.Ordinal))
                return ImageResolution.Fail("may refer only to an uploaded input image (blob:inputs/...)");
            return await _blobs.StatAsync(existing, ct) is not null
                ? ImageResolution.Ok(input)
                : ImageResolution.Fail("refers to a stored image that does not exist");
        }

        byte[]? bytes;
        string? error;
        if (input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            (bytes, error) = await DownloadAsync(input, ct);
        else if (input.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            (bytes, error) = DecodeDataUri(input);
        else if (input.Contains("://", StringComparison.Ordinal))
            (bytes, error) = (null, "must be an http(s) URL, a data URI or base64");
        else
            (bytes, error) = DecodeBase64(input);
        if (bytes is null) return ImageResolution.Fail(error!);
        return await ResolveBytesAsync(bytes, ct);
    }

    /// <summary>Checks and stores image bytes the caller already holds (an upload form, another job's poster).</summary>
    public async Task<ImageResolution> ResolveBytesAsync(byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length > MaxBytes) return ImageResolution.Fail("is larger than 10 MB");
        var header = ImageInspector.Inspect(bytes);
        if (header is null) return ImageResolution.Fail("must be a JPEG, PNG or WebP image");
        if (header.Width > MaxSide || header.Height > MaxSide)
            return ImageResolution.Fail($"is {header.Width}×{header.Height} px; each side must be at most {MaxSide} px");
        if (header.Width < MinSide || header.Height < MinSide)
            return ImageResolution.Fail($"is {header.Width}×{header.Height} px; each side must be at least {MinSide} px");
        var aspect = (double)header.Width / header.Height;
        if (aspect > MaxAspect || aspect < 1 / MaxAspect)
            return ImageResolution.Fail($"has aspect ratio {aspect:0.##}:1; it must be between 1:2.5 and 2.5:1");

        var key = $"{InputsPrefix}{Convert.ToHexStringLower(SHA256.HashData(bytes))}.{header.Extension}";
        if (await _blobs.StatAsync(key, ct) is null)
        {
            using var stream = new MemoryStream(bytes, writable: false);
            await _blobs.PutAsync(key, stream, FileSystemBlobStore.ContentTypeOf(key), ct);
        }
        return ImageResolution.Ok(BlobKeys.ReferencePrefix + key);
    }

    private async Task<(byte[]?, string?)> DownloadAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.Length > 2083) return (null, "is not a valid URL");
        try
        {
            using var response = await _http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode) return (null, $"could not be downloaded: HTTP {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxBytes) return (null, "is larger than 10 MB");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + n > MaxBytes) return (null, "is larger than 10 MB");
                buffer.Write(chunk, 0, n);
            }
            return (buffer.ToArray(), null);
        }
        catch (HttpRequestException ex) when (ex is BlockedDestinationException || ex.InnerException is BlockedDestinationException)
        {
            return (null, "refers to a private, loopback or link-local address, which is not allowed");
        }
        catch (HttpRequestException ex)
        {
            return (null, "could not be downloaded: " + (ex.StatusCode is { } s ? $"HTTP {(int)s}" : ex.HttpRequestError.ToString()));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, $"could not be downloaded within {DownloadTimeout.TotalSeconds:0} s");
        }
    }

    private static (byte[]?, string?) DecodeDataUri(string input)
    {
        var comma = input.IndexOf(',');
        if (comma < 0 || !input.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            return (null, "data URIs must be base64 encoded (data:image/png;base64,...)");
        return DecodeBase64(input[(comma + 1)..]);
    }

    private static (byte[]?, string?) DecodeBase64(string text)
    {
        if (text.Length > (MaxBytes + 2) / 3 * 4 + 1024) return (null, "is larger than 10 MB");
        var buffer = new byte[text.Length * 3 / 4 + 3];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written)
            ? (written > MaxBytes ? (null, "is larger than 10 MB") : (buffer[..written], null))
            : (null, "is not valid base64, a data URI or an http(s) URL");
    }
}
