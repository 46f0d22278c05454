using System.Buffers;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Reelay.Storage.Blobs.S3;

/// <summary>
/// Blobs as objects in one S3-compatible bucket, shared by every node of a cluster. Uploads stream in parts of
/// <see cref="S3BlobStoreOptions.PartSizeMb"/> through one pooled buffer (memory per upload is one part, whatever
/// the file's size): content that fits one part is a single PUT, larger content a multipart upload that S3 makes
/// visible only on completion and that is aborted on any failure, so a key is either absent or complete.
/// Every body is sent with a plain Content-Length (no aws-chunked encoding) so S3-compatible servers store it as is.
/// </summary>
public sealed partial class S3BlobStore : IBlobStore, IBlobDownloadLinks, IDisposable
{
    /// <summary>S3 refuses multipart uploads of more parts than this.</summary>
    private const int MaxParts = 10_000;

    /// <summary>S3 signs presigned URLs for at most seven days.</summary>
    private static readonly TimeSpan MaxPresignLifetime = TimeSpan.FromDays(7);

    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly int _partSize;
    private readonly Protocol _protocol;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public S3BlobStore(IAmazonS3 client, S3BlobStoreOptions options, TimeProvider time, ILogger<S3BlobStore> logger)
    {
        _client = client;
        _bucket = options.Bucket;
        _partSize = checked((int)options.PartSizeBytes);
        _protocol = options.Endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
        _time = time;
        _logger = logger;
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct)
    {
        if (!BlobKeys.IsValid(key)) throw new ArgumentException($"invalid blob key '{key}'", nameof(key));
        var buffer = ArrayPool<byte>.Shared.Rent(_partSize);
        try
        {
            var filled = await FillAsync(content, buffer, ct);
            if (filled < _partSize)
            {
                using var body = new MemoryStream(buffer, 0, filled, writable: false);
                await _client.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = _bucket, Key = key, ContentType = contentType, InputStream = body, AutoCloseStream = false, UseChunkEncoding = false,
                }, ct);
            }
            else
            {
                await PutMultipartAsync(key, content, contentType, buffer, filled, ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return await StatAsync(key, ct) ?? throw new IOException($"blob '{key}' was removed right after it was stored");
    }

    private async Task PutMultipartAsync(string key, Stream content, string contentType, byte[] buffer, int filled, CancellationToken ct)
    {
        var upload = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = contentType }, ct);
        try
        {
            var parts = new List<PartETag>();
            for (var number = 1; filled > 0; number++)
            {
                if (number > MaxParts) throw new IOException($"blob '{key}' exceeds {MaxParts} parts of {_partSize} bytes; raise Reelay:Blobs:S3:PartSizeMb");
                using (var body = new MemoryStream(buffer, 0, filled, writable: false))
                {
                    var part = await _client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                        InputStream = body, PartSize = filled, UseChunkEncoding = false,
                    }, ct);
                    parts.Add(new PartETag(number, part.ETag));
                }
                filled = await FillAsync(content, buffer, ct);
            }
            await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
        }
        catch (Exception ex)
        {
            await AbortAsync(key, upload.UploadId, ex);
            throw;
        }
    }

    /// <summary>Best effort: an upload left behind holds storage but is never visible under the key (bucket lifecycle rules reap it).</summary>
    private async Task AbortAsync(string key, string uploadId, Exception cause)
    {
        LogUploadAborted(_logger, key, cause.GetType().Name);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId }, timeout.Token);
        }
        catch (Exception ex) when (ex is AmazonServiceException or OperationCanceledException or HttpRequestException)
        {
            LogAbortFailed(_logger, ex, key);
        }
    }

    /// <summary>Reads until the buffer holds a whole part or the source ends.</summary>
    private async Task<int> FillAsync(Stream source, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        int n;
        while (filled < _partSize && (n = await source.ReadAsync(buffer.AsMemory(filled, _partSize - filled), ct)) > 0) filled += n;
        return filled;
    }

    public async Task<BlobInfo?> StatAsync(string key, CancellationToken ct)
    {
        if (!BlobKeys.IsValid(key)) return null;
        try
        {
            var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, ct);
            var modified = head.LastModified is { } m ? new DateTimeOffset(m.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UnixEpoch;
            return new BlobInfo(key, head.ContentLength, head.Headers.ContentType ?? FileSystemBlobStore.ContentTypeOf(key), head.ETag, modified);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => GetAsync(key, null, ct);

    public async Task<Stream?> OpenRangeAsync(string key, long offset, long? length, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (length is { } l)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(l);
            if (l == 0) return await StatAsync(key, ct) is null ? null : Stream.Null;
        }
        var range = length is { } count ? new ByteRange(offset, offset + count - 1) : new ByteRange($"bytes={offset}-");
        return await GetAsync(key, range, ct);
    }

    private async Task<Stream?> GetAsync(string key, ByteRange? range, CancellationToken ct)
    {
        if (!BlobKeys.IsValid(key)) return null;
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, ByteRange = range }, ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The object exists (absent keys answer 404 first) and the range starts at or past its end.
            return Stream.Null;
        }
    }

    public string? TryGetLocalPath(string key) => null;

    public async Task<bool> DeleteAsync(string key, CancellationToken ct)
    {
        if (await StatAsync(key, ct) is null) return false;
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, ct);
        return true;
    }

    /// <summary>The bucket answers within five seconds with these credentials.</summary>
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, timeout.Token);
            return true;
        }
        catch (AmazonServiceException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Creates the bucket unless it exists (development servers; production buckets are provisioned by operators).</summary>
    public async Task EnsureBucketAsync(CancellationToken ct)
    {
        try
        {
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, ct);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            try
            {
                await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, ct);
                LogBucketCreated(_logger, _bucket);
            }
            catch (AmazonS3Exception race) when (race.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Another node created it first.
            }
        }
    }

    public TimeSpan MaxLifetime => MaxPresignLifetime;

    /// <summary>A presigned GET; its lifetime is capped at S3's limit of seven days.</summary>
    public string CreateDownloadUrl(string key, DateTimeOffset expiresAt)
    {
        var latest = _time.GetUtcNow() + MaxPresignLifetime;
        return _client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = _protocol,
            Expires = (expiresAt < latest ? expiresAt : latest).UtcDateTime,
        });
    }

    /// <summary>Releases the S3 client (and its HTTP connections).</summary>
    public void Dispose() => _client.Dispose();
}
