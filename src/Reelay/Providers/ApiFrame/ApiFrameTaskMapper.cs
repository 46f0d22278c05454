using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// Renders a job as an APIFrame task. Any job of the caller can be fetched, whichever API created it (one
/// store); <c>video_url</c> is a signed raw-result link that works without a key.
/// </summary>
public sealed class ApiFrameTaskMapper(ResultLinks links, TimeProvider time)
{
    public ApiFrameTask ToTask(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read) => new()
    {
        TaskId = job.Id,
        Status = ApiFrameStatuses.ToApiFrame(job.Status, job.Progress),
        // As on APIFrame's page: "40" (a string) while running, 100 (a number) once finished.
        Percentage = job.Status == JobStatus.Succeeded ? ApiFramePercentage.Number(100) : ApiFramePercentage.Text(job.Progress),
        VideoUrl = job.Status == JobStatus.Succeeded && job.Outputs is not null
            ? links.Build(baseUrl, job, "raw", time.GetUtcNow(), links.LifetimeFor(purpose))
            : null,
        Message = job.Status is JobStatus.Failed or JobStatus.Canceled ? job.Error?.Message ?? "failed" : null,
    };

    /// <summary>The entry <c>/fetch-many</c> gives an id that is unknown or not the caller's.</summary>
    public static ApiFrameTask NotFound(string id) => new() { TaskId = id, Status = ApiFrameStatuses.Failed, Message = "task not found" };
}
