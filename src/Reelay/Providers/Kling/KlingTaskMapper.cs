using System.Globalization;
using Reelay.Api;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Providers.Kling;

/// <summary>Renders a stored job as a Kling task object, with a signed raw link as the video URL.</summary>
public sealed class KlingTaskMapper(ResultLinks links, TimeProvider time)
{
    /// <summary>Kling charges by length; Reelay reports one unit per started 5 seconds of a succeeded task.</summary>
    public const int SecondsPerUnit = 5;

    /// <summary>Kling keeps result URLs 30 days (docs/dialects.md §1), and a Kling client may store them: ours last as long.</summary>
    public static readonly TimeSpan ResultLifetime = TimeSpan.FromDays(30);

    /// <summary>The kind a job is listed and queried under: as created through Kling, else inferred from its start image.</summary>
    public static string KindOf(VideoJob job) =>
        job.Request.Extension(KlingRequestMapper.TaskTypeExtension)
        ?? (string.IsNullOrEmpty(job.Request.StartImage) ? KlingTaskKinds.Text2Video : KlingTaskKinds.Image2Video);

    /// <summary>The create answer: no status message, result or deduction yet.</summary>
    public static KlingTask ToCreated(VideoJob job) => new()
    {
        TaskId = job.Id,
        TaskStatus = KlingTaskStatus.From(job.Status),
        TaskInfo = new KlingTaskInfo(job.Request.ExternalId),
        CreatedAt = job.CreatedAt.ToUnixTimeMilliseconds(),
        UpdatedAt = job.UpdatedAt.ToUnixTimeMilliseconds(),
    };

    /// <summary>The query / list / callback shape.</summary>
    public KlingTask ToTask(VideoJob job, string baseUrl, LinkPurpose purpose = LinkPurpose.Read)
    {
        var succeeded = job.Status == JobStatus.Succeeded && job.Outputs is not null;
        KlingTaskResult? result = null;
        if (succeeded)
        {
            var raw = job.Outputs!.Raw;
            var url = links.Build(baseUrl, job, "raw", time.GetUtcNow(), links.LifetimeFor(purpose, ResultLifetime));
            var seconds = raw.DurationSeconds ?? job.Request.DurationSeconds;
            // No watermark is drawn: a caller that asked for one gets the same file under watermark_url.
            var watermark = job.Request.Extension(KlingRequestMapper.WatermarkExtension) == "true" ? url : null;
            result = new KlingTaskResult([new KlingVideo(job.Id, url, watermark, seconds.ToString("0.0##", CultureInfo.InvariantCulture))]);
        }
        return ToCreated(job) with
        {
            TaskStatusMsg = StatusMessage(job),
            TaskResult = result,
            FinalUnitDeduction = succeeded ? Deduction(job) : "0",
        };
    }

    /// <summary>
    /// What the task cost: the job's settled price in credits (refunded tasks deduct "0"). Jobs without a price
    /// report Kling's own rule, one unit per started 5 s.
    /// </summary>
    public static string Deduction(VideoJob job) => job.Credits is { } credits
        ? credits.ToString("0.######", CultureInfo.InvariantCulture)
        : Units(job.Request.DurationSeconds).ToString(CultureInfo.InvariantCulture);

    public static int Units(int durationSeconds) => (durationSeconds + SecondsPerUnit - 1) / SecondsPerUnit;

    private static string StatusMessage(VideoJob job) => job.Status switch
    {
        JobStatus.Failed when job.Error is { Code: JobErrorCodes.ContentRejected } e =>
            $"Failure to pass the risk control system: content safety check failed ({e.Message})",
        JobStatus.Failed when job.Error is { } e => e.Message,
        JobStatus.Failed => "task failed",
        JobStatus.Canceled => job.Error is { } e ? $"task canceled: {e.Message}" : "task canceled",
        _ => "",
    };
}
