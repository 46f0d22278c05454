using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Storage.Blobs;

namespace Reelay.Jobs;

/// <summary>
/// Removes what a job that ended without a result left behind: result blobs an interrupted or overtaken ingest had
/// already stored (<c>jobs/{id}/raw.mp4</c>, <c>min.mp4</c>, <c>poster.jpg</c>) and this node's work directory for it.
/// Nothing references those files once the job is canceled or failed, so without this they would stay forever (a
/// crash between storing the blobs and committing success, then a cancel, is enough). Best effort: a failure to
/// delete is left for the next terminal write or operator, never turned into a failed request.
/// </summary>
public sealed class JobLeftovers(IBlobStore blobs, IOptions<ReelayOptions> options)
{
    private static readonly string[] ResultNames = ["raw.mp4", "min.mp4", "poster.jpg"];
    private readonly string _workRoot = WorkDirectories.Root(options.Value);

    /// <summary>Removes the job's result blobs and work directory if <paramref name="job"/> ended canceled or failed; otherwise does nothing.</summary>
    public async Task RemoveIfUnsuccessfulAsync(VideoJob job)
    {
        if (job.Status is not (JobStatus.Canceled or JobStatus.Failed)) return;
        foreach (var name in ResultNames)
        {
            try
            {
                await blobs.DeleteAsync(JobBlobKeys.Of(job.Id, name), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException)
            {
            }
        }
        try
        {
            var dir = WorkDirectories.ForJob(_workRoot, job.Id);
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
