using Reelay.Storage.Blobs.S3;

namespace Reelay.TestSupport;

/// <summary>
/// Class fixture: a fresh bucket on the run's <see cref="S3Server"/> for one test class
/// (parts of 5 MB, S3's minimum, so multipart paths run with modest test data).
/// </summary>
public sealed class S3BucketFixture : IAsyncLifetime
{
    public S3Server Server { get; private set; } = null!;
    public S3BlobStoreOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await S3Server.GetAsync();
        Options = await Server.CreateBucketAsync("reelay-test");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Reelay configuration that keeps blobs in this bucket (or in <paramref name="bucket"/> of the same server).</summary>
    public Dictionary<string, string?> ReelaySettings(bool presignResultLinks = false, string? bucket = null, bool createBucket = false) => new()
    {
        ["Reelay:Blobs:Provider"] = "s3",
        ["Reelay:Blobs:S3:Endpoint"] = Options.Endpoint,
        ["Reelay:Blobs:S3:Bucket"] = bucket ?? Options.Bucket,
        ["Reelay:Blobs:S3:ForcePathStyle"] = "true",
        ["Reelay:Blobs:S3:AccessKey"] = S3Server.AccessKey,
        ["Reelay:Blobs:S3:SecretKey"] = S3Server.SecretKey,
        ["Reelay:Blobs:S3:PartSizeMb"] = "5",
        ["Reelay:Blobs:S3:PresignResultLinks"] = presignResultLinks ? "true" : "false",
        ["Reelay:Blobs:S3:CreateBucket"] = createBucket ? "true" : "false",
    };
}
