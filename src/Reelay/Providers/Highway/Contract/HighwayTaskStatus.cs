using Reelay.Jobs;

namespace Reelay.Providers.Highway.Contract;

/// <summary>Highway's task statuses and the mapping from the canonical status (failed, rejected and canceled are all FAILED).</summary>
public static class HighwayTaskStatus
{
    public const string Queued = "TASK_STATUS_QUEUED";
    public const string Processing = "TASK_STATUS_PROCESSING";
    public const string Succeed = "TASK_STATUS_SUCCEED";
    public const string Failed = "TASK_STATUS_FAILED";

    public static string Of(JobStatus status) => status switch
    {
        JobStatus.Queued => Queued,
        JobStatus.Running => Processing,
        JobStatus.Succeeded => Succeed,
        _ => Failed,
    };
}
