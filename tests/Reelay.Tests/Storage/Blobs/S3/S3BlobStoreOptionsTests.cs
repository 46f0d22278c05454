using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Hosting;
using Reelay.Storage.Blobs;
using Reelay.Storage.Blobs.S3;

namespace Reelay.Tests.Storage.Blobs.S3;

public sealed class S3BlobStoreOptionsTests
{
    private static IServiceCollection AddReelay(Dictionary<string, string?> values)
    {
        values["Reelay:DataDir"] = Path.Combine(Path.GetTempPath(), "reelay-unused-" + Guid.NewGuid().ToString("N"));
        return new ServiceCollection().AddReelay(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
    }

    [Fact]
    public void Validate_Usable_NoErrors() =>
        Assert.Empty(new S3BlobStoreOptions { Endpoint = "http://127.0.0.1:9000", Bucket = "reelay-results", AccessKey = "a", SecretKey = "s" }.Validate());

    [Fact]
    public void Validate_BadValues_EachNamedBySettingWithoutTheSecret()
    {
        var errors = new S3BlobStoreOptions { Endpoint = "minio:9000", Region = " ", Bucket = "Bad_Bucket", AccessKey = "a", PartSizeMb = 4 }.Validate();

        Assert.Collection(errors,
            e => Assert.StartsWith("Reelay:Blobs:S3:Endpoint must be an absolute http(s) URL", e),
            e => Assert.StartsWith("Reelay:Blobs:S3:Region", e),
            e => Assert.StartsWith("Reelay:Blobs:S3:Bucket", e),
            e => Assert.StartsWith("Reelay:Blobs:S3:SecretKey must be set together with AccessKey", e),
            e => Assert.StartsWith("Reelay:Blobs:S3:PartSizeMb must be between 5 and 512", e));
    }

    [Fact]
    public void Validate_SecretWithoutAccessKey_NeverEchoesTheSecret()
    {
        var error = Assert.Single(new S3BlobStoreOptions { Bucket = "b-1", SecretKey = "very-secret" }.Validate());

        Assert.DoesNotContain("very-secret", error);
    }

    [Fact]
    public void AddReelay_S3WithoutBucket_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => AddReelay(new() { ["Reelay:Blobs:Provider"] = "s3" }));

        Assert.Contains("Reelay:Blobs:S3:Bucket", ex.Message);
    }

    [Fact]
    public void AddReelay_UnknownProvider_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => AddReelay(new() { ["Reelay:Blobs:Provider"] = "ftp" }));

        Assert.Contains("Reelay:Blobs:Provider must be 'filesystem' or 's3' (was 'ftp')", ex.Message);
    }

    [Fact]
    public void AddReelay_PartSizeNotANumber_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => AddReelay(new() { ["Reelay:Blobs:Provider"] = "s3", ["Reelay:Blobs:S3:PartSizeMb"] = "big" }));

        Assert.Contains("Reelay:Blobs:S3:PartSizeMb", ex.Message);
    }

    [Fact]
    public void AddReelay_S3WithPresign_RegistersTheStoreAndItsLinks()
    {
        using var services = AddReelay(new()
        {
            ["Reelay:Blobs:Provider"] = "S3", ["Reelay:Blobs:S3:Endpoint"] = "http://127.0.0.1:1", ["Reelay:Blobs:S3:Bucket"] = "results",
            ["Reelay:Blobs:S3:PresignResultLinks"] = "true", ["Reelay:Blobs:S3:CreateBucket"] = "true",
        }).AddLogging().BuildServiceProvider();

        Assert.IsType<S3BlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.Same(services.GetRequiredService<IBlobStore>(), services.GetRequiredService<IBlobDownloadLinks>());
        Assert.Single(services.GetServices<IStartupTask>().OfType<S3BucketCreation>());
    }

    [Fact]
    public void AddReelay_Default_FileSystemWithoutDirectLinks()
    {
        using var services = AddReelay([]).AddLogging().BuildServiceProvider();

        Assert.IsType<FileSystemBlobStore>(services.GetRequiredService<IBlobStore>());
        Assert.Null(services.GetService<IBlobDownloadLinks>());
    }
}
