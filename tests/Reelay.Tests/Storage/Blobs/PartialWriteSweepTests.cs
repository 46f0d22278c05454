using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Hosting;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Blobs;

public sealed class PartialWriteSweepTests
{
    [Fact]
    public async Task PrepareAsync_StaleTempFileUnderBlobs_RemovedAtStartUp()
    {
        using var data = new TempDirectory("reelay-sweep");
        var stale = Path.Combine(data.Sub("blobs/jobs/x"), $"raw.mp4.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(stale, "half a video");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reelay:DataDir"] = data.Path,
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReelay(config);
        await using var provider = services.BuildServiceProvider();

        await ReelayHost.PrepareAsync(provider, null, CancellationToken.None);

        Assert.False(File.Exists(stale));
    }
}
