namespace Reelay.Storage.Blobs;

/// <summary>Facts about a stored blob. <see cref="ETag"/> is a strong validator for HTTP caching.</summary>
public sealed record BlobInfo(string Key, long Length, string ContentType, string ETag, DateTimeOffset LastModified);
