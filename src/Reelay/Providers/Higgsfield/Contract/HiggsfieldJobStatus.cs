using Reelay.Jobs;

namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>Higgsfield's job status vocabulary and its mapping from the canonical status (dialects.md status table).</summary>
public static class HiggsfieldJobStatus
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    /// <summary>Content rejected by moderation.</summary>
    public const string Nsfw = "nsfw";
    public const string Canceled = "canceled";

    public static string Of(VideoJob job) => job.Status switch
    {
        JobStatus.Queued => Queued,
        JobStatus.Running => InProgress,
        JobStatus.Succeeded => Completed,
        JobStatus.Canceled => Canceled,
        _ => job.Error?.Code == JobErrorCodes.ContentRejected ? Nsfw : Failed,
    };
}
