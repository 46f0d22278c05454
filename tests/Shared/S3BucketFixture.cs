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
}
