using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Scheduling;
using Reelay.Storage.Blobs;

namespace Reelay.Tests.Scheduling;

/// <summary>
/// Regression (crash campaign): a server killed after a step wrote the job's end but before it removed the job's work
/// directory left min.mp4/poster.jpg under <c>work/</c> forever.
/// </summary>
public sealed class WorkDirectorySweepTests
{
    [Fact]
    public async Task RunAsync_FinishedUnfinishedAndUnknownJobs_RemovesOnlyDirectoriesAndBlobsNothingWillReuse()
    {
        await using var world = new SchedulerWorld(new ScriptedEngine((step, _, _) => throw new InvalidOperationException(step)));
        var finished = await world.CreateAsync();
        var unfinished = await world.CreateAsync();
        // The job's end written straight to the store, as by a step whose process died before its clean-up.
        var cancel = world.Services.GetRequiredService<JobTransitions>().Cancel(finished, world.Time.GetUtcNow());
        Assert.NotNull(await world.Store.TryUpdateAsync(cancel.Job, null, cancel.Events, cancel.Webhooks, cancel.Ledger, CancellationToken.None));
        var root = Path.Combine(world.Services.GetRequiredService<IOptions<ReelayOptions>>().Value.DataDir, "work");
        string Work(string id)
        {
            var dir = Directory.CreateDirectory(Path.Combine(root, id)).FullName;
            File.WriteAllText(Path.Combine(dir, "poster.jpg"), "left over");
            return dir;
        }
        var (finishedDir, unfinishedDir, unknownDir) = (Work(finished.Id), Work(unfinished.Id), Work("01a20000-0000-7000-8000-000000000000"));
        // The dead step had stored the canceled job's raw video, and the unfinished job's, before it died.
        var blobs = world.Services.GetRequiredService<IBlobStore>();
        foreach (var id in new[] { finished.Id, unfinished.Id })
        {
            await using var bytes = new MemoryStream(new byte[1000]);
            await blobs.PutAsync(JobBlobKeys.Of(id, "raw.mp4"), bytes, "video/mp4", CancellationToken.None);
        }

        await world.Services.GetServices<IStartupTask>().OfType<WorkDirectorySweep>().Single().RunAsync(CancellationToken.None);

        Assert.False(Directory.Exists(finishedDir));
        Assert.False(Directory.Exists(unknownDir));
        Assert.True(File.Exists(Path.Combine(unfinishedDir, "poster.jpg")));
        Assert.Null(await blobs.StatAsync(JobBlobKeys.Of(finished.Id, "raw.mp4"), CancellationToken.None));
        Assert.NotNull(await blobs.StatAsync(JobBlobKeys.Of(unfinished.Id, "raw.mp4"), CancellationToken.None));
    }
}
