namespace Reelay.Storage.Blobs.S3;

/// <summary>Log events of the S3 blob store (ids 4100–4199). Never logs credentials or presigned URLs.</summary>
public sealed partial class S3BlobStore
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Upload of blob {Key} failed ({Cause}); aborting its multipart upload")]
    private static partial void LogUploadAborted(ILogger logger, string key, string cause);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Aborting the multipart upload of blob {Key} failed; its parts stay until a bucket lifecycle rule removes them")]
    private static partial void LogAbortFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Created bucket {Bucket}")]
    private static partial void LogBucketCreated(ILogger logger, string bucket);
}
