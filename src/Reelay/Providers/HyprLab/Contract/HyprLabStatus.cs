using Reelay.Jobs;

namespace Reelay.Providers.HyprLab.Contract;

/// <summary>HyprLab's generation statuses and the mapping from the canonical status (rejected and canceled read as failed).</summary>
public static class HyprLabStatus
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static string Of(JobStatus status) => status switch
    {
        JobStatus.Queued => Pending,
        JobStatus.Running => Processing,
        JobStatus.Succeeded => Succeeded,
        _ => Failed,
    };
}
