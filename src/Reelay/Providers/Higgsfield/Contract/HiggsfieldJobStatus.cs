using Reelay.Jobs;

namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>Higgsfield's job status vocabulary and its mapping from the canonical status (docs/dialects.md status table).</summary>
public static class HiggsfieldJobStatus
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    /// <summary>Content rejected by moderation.</summary>
    public const string Nsfw = "nsfw";
    /// <summary>The v2 platform API's status for a canceled request (read from upstreams); the v1 JobSet never shows it.</summary>
    public const string Canceled = "canceled";

    /// <summary>
    /// The v1 JobSet status of a job. The v1 enum has no <c>canceled</c> (only the v2 platform API does), so a job canceled
    /// through another API shows as <c>failed</c> here: a v1 client that validates the enum keeps working, and it sees
    /// the job end without a result, which is what happened.
    /// </summary>
    public static string Of(VideoJob job) => job.Status switch
    {
        JobStatus.Queued => Queued,
        JobStatus.Running => InProgress,
        JobStatus.Succeeded => Completed,
        _ => job.Error?.Code == JobErrorCodes.ContentRejected ? Nsfw : Failed,
    };
}
