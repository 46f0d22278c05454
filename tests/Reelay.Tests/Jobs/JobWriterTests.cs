using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage.Blobs;
using Reelay.Tests.Scheduling;

namespace Reelay.Tests.Jobs;

/// <summary>
/// Regression (crash campaign): a server killed after an ingest stored a job's result blobs but before it committed
/// success, then the job canceled, left those blobs under <c>blobs/jobs/{id}/</c> forever, referenced by nothing.
/// </summary>
public sealed class JobWriterTests
{
    private static readonly string[] ResultNames = ["raw.mp4", "min.mp4", "poster.jpg"];

    [Fact]
    public async Task CommitAsync_CancelAfterResultsWereStored_RemovesTheJobsBlobsAndWorkDirectory()
    {
        await using var world = new SchedulerWorld(NeverCalled());
        var job = await world.CreateAsync();
        var other = await world.CreateAsync();
        var blobs = world.Services.GetRequiredService<IBlobStore>();
        foreach (var name in ResultNames) await PutAsync(blobs, $"jobs/{job.Id}/{name}");
        await PutAsync(blobs, $"jobs/{other.Id}/raw.mp4");
        var workDir = Path.Combine(world.Services.GetRequiredService<IOptions<ReelayOptions>>().Value.DataDir, "work", job.Id);
        Directory.CreateDirectory(workDir);
        await File.WriteAllTextAsync(Path.Combine(workDir, "upstream.mp4"), "partial");

        var transitions = world.Services.GetRequiredService<JobTransitions>();
        var stored = await world.Services.GetRequiredService<JobWriter>().CommitAsync(transitions.Cancel(job, world.Time.GetUtcNow()), null, CancellationToken.None);

        Assert.Equal(JobStatus.Canceled, stored!.Status);
        foreach (var name in ResultNames) Assert.Null(await blobs.StatAsync($"jobs/{job.Id}/{name}", CancellationToken.None));
        Assert.False(Directory.Exists(workDir));
        Assert.NotNull(await blobs.StatAsync($"jobs/{other.Id}/raw.mp4", CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_Success_KeepsTheResults()
    {
        await using var world = new SchedulerWorld(NeverCalled());
        var job = await world.CreateAsync();
        var blobs = world.Services.GetRequiredService<IBlobStore>();
        var outputs = new JobOutputs(
            await PutAsync(blobs, $"jobs/{job.Id}/raw.mp4"),
            await PutAsync(blobs, $"jobs/{job.Id}/min.mp4"),
            await PutAsync(blobs, $"jobs/{job.Id}/poster.jpg"));
        var transitions = world.Services.GetRequiredService<JobTransitions>();
        var running = await world.Services.GetRequiredService<JobWriter>().CommitAsync(transitions.Start(job, world.Time.GetUtcNow()), null, CancellationToken.None);

        await world.Services.GetRequiredService<JobWriter>().CommitAsync(transitions.Succeed(running!, outputs, world.Time.GetUtcNow()), null, CancellationToken.None);

        foreach (var name in ResultNames) Assert.NotNull(await blobs.StatAsync($"jobs/{job.Id}/{name}", CancellationToken.None));
    }

    private static ScriptedEngine NeverCalled() =>
        new((step, _, _) => throw new InvalidOperationException($"the engine was not supposed to run ({step})"));

    private static async Task<VideoOutput> PutAsync(IBlobStore blobs, string key)
    {
        using var content = new MemoryStream([1, 2, 3, 4]);
        var info = await blobs.PutAsync(key, content, FileSystemBlobStore.ContentTypeOf(key), CancellationToken.None);
        return new VideoOutput(key, info.ContentType, info.Length, null, 320, 180, null);
    }
}
