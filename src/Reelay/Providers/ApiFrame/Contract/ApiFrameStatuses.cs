using Reelay.Jobs;

namespace Reelay.Providers.ApiFrame.Contract;

/// <summary>
/// APIFrame's task status vocabulary and its mapping to canonical statuses (docs/dialects.md status table).
/// Reelay answers pending, starting (running, no progress yet), processing, finished and failed; it also
/// reads staged and retrying, which APIFrame may send.
/// </summary>
public static class ApiFrameStatuses
{
    public const string Pending = "pending";
    public const string Staged = "staged";
    public const string Starting = "starting";
    public const string Processing = "processing";
    public const string Retrying = "retrying";
    public const string Finished = "finished";
    public const string Failed = "failed";

    /// <summary>Canceled and content-rejected jobs are <c>failed</c>: APIFrame has no other terminal status.</summary>
    public static string ToApiFrame(JobStatus status, int progress) => status switch
    {
        JobStatus.Queued => Pending,
        JobStatus.Running => progress <= 0 ? Starting : Processing,
        JobStatus.Succeeded => Finished,
        _ => Failed,
    };

    /// <summary>The canonical status of an APIFrame status, or null when it is not one APIFrame documents.</summary>
    public static JobStatus? ToCanonical(string? status) => status switch
    {
        Pending or Staged => JobStatus.Queued,
        Starting or Processing or Retrying => JobStatus.Running,
        Finished => JobStatus.Succeeded,
        Failed => JobStatus.Failed,
        _ => null,
    };
}
