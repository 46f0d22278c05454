using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>
/// At start-up, removes the work directories (downloads, transcodes) of jobs that have finished or no longer exist. A
/// step removes its own directory right after writing the job's end, so only a crash in between leaves one behind;
/// the directory of an unfinished job is kept, because its next step may reuse it. A directory left by a job that
/// ended canceled or failed also means its step may have stored result blobs before it died (an ingest overtaken by a
/// cancel, killed before its clean-up): those are removed too (<see cref="JobLeftovers"/>), since nothing references them.
/// </summary>
public sealed class WorkDirectorySweep(IJobStore store, JobLeftovers leftovers, IOptions<ReelayOptions> options) : IStartupTask
{
    public async Task RunAsync(CancellationToken ct)
    {
        var root = WorkDirectories.Root(options.Value);
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var job = await store.GetAsync(Path.GetFileName(dir), ct).ConfigureAwait(false);
            if (job is not null && !job.Status.IsTerminal()) continue;
            if (job is not null) await leftovers.RemoveIfUnsuccessfulAsync(job).ConfigureAwait(false);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}
