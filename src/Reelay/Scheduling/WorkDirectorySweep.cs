using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Scheduling;

/// <summary>
/// At start-up, removes the work directories (downloads, transcodes) of jobs that have finished or no longer exist. A
/// step removes its own directory right after writing the job's end, so only a crash in between leaves one behind;
/// the directory of an unfinished job is kept, because its next step may reuse it.
/// </summary>
public sealed class WorkDirectorySweep(IJobStore store, IOptions<ReelayOptions> options) : IStartupTask
{
    public async Task RunAsync(CancellationToken ct)
    {
        var root = WorkDirectories.Root(options.Value);
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.EnumerateDirectories(root))
        {
            var job = await store.GetAsync(Path.GetFileName(dir), ct).ConfigureAwait(false);
            if (job is not null && !job.Status.IsTerminal()) continue;
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
