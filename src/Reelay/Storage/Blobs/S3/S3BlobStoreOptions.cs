namespace Reelay.Storage.Blobs.S3;

/// <summary>
/// Section <c>Reelay:Blobs:S3</c> (environment: <c>Reelay__Blobs__S3__...</c>): an S3-compatible bucket (AWS S3, MinIO,
/// Ceph, R2). Credentials come from <see cref="AccessKey"/>/<see cref="SecretKey"/> when set, else from the AWS SDK's
/// default chain (AWS_ACCESS_KEY_ID, profiles, instance roles). They are never logged.
/// </summary>
public sealed class S3BlobStoreOptions
{
    /// <summary>Service URL of a non-AWS server (e.g. <c>http://minio:9000</c>); unset for AWS itself.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Region the requests are signed for; S3-compatible servers usually accept the default.</summary>
    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "";

    /// <summary>Addresses the bucket as <c>{endpoint}/{bucket}/key</c> instead of <c>{bucket}.{endpoint}</c>; most self-hosted servers need it.</summary>
    public bool ForcePathStyle { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Multipart upload part size, and so the memory one upload holds: 5 (S3's minimum) to 512.</summary>
    public int PartSizeMb { get; set; } = 16;

    /// <summary>Result links point at the bucket (presigned GET URLs) instead of proxying the bytes through Reelay.</summary>
    public bool PresignResultLinks { get; set; }

    /// <summary>Creates the bucket at start when missing (development servers such as MinIO or s3rver).</summary>
    public bool CreateBucket { get; set; }

    public long PartSizeBytes => PartSizeMb * 1024L * 1024L;

    /// <summary>Each failure names the setting as written in configuration; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string setting, string rule, object? value)
        {
            if (!ok) errors.Add($"Reelay:Blobs:S3:{setting} {rule} (was '{value}').");
        }

        Check(Endpoint is null || (Uri.TryCreate(Endpoint, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
            "Endpoint", "must be an absolute http(s) URL", Endpoint);
        Check(!string.IsNullOrWhiteSpace(Region), "Region", "must name a region", Region);
        Check(IsBucketName(Bucket), "Bucket", "must be a bucket name (3-63 of a-z, 0-9, '.', '-')", Bucket);
        Check(string.IsNullOrEmpty(AccessKey) == string.IsNullOrEmpty(SecretKey), "SecretKey",
            "must be set together with AccessKey (or both left unset for the AWS default credentials)", string.IsNullOrEmpty(SecretKey) ? "" : "***");
        Check(PartSizeMb is >= 5 and <= 512, "PartSizeMb", "must be between 5 and 512", PartSizeMb);
        return errors;
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && IsLowerOrDigit(name[0]) && IsLowerOrDigit(name[^1])
        && name.All(c => IsLowerOrDigit(c) || c is '.' or '-');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
}
