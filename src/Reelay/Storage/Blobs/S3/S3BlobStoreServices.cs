using Reelay.Hosting;

namespace Reelay.Storage.Blobs.S3;

/// <summary>Registers the S3 blob store as <see cref="IBlobStore"/> (and its presigned links when configured).</summary>
public static class S3BlobStoreServices
{
    /// <exception cref="InvalidConfigurationException">The options are unusable; the message names each bad setting.</exception>
    public static IServiceCollection AddS3BlobStore(this IServiceCollection services, S3BlobStoreOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new InvalidConfigurationException(string.Join(" ", errors));
        services.AddSingleton(sp => new S3BlobStore(
            S3ClientFactory.Create(options), options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<S3BlobStore>>()));
        services.AddSingleton<IBlobStore>(sp => sp.GetRequiredService<S3BlobStore>());
        if (options.PresignResultLinks) services.AddSingleton<IBlobDownloadLinks>(sp => sp.GetRequiredService<S3BlobStore>());
        if (options.CreateBucket) services.AddSingleton<IStartupTask, S3BucketCreation>();
        return services;
    }
}
