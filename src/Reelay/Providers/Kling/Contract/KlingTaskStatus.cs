using Reelay.Jobs;

namespace Reelay.Providers.Kling.Contract;

/// <summary>Kling's <c>task_status</c> vocabulary (note <c>succeed</c>, not succeeded) and the canonical mapping.</summary>
public static class KlingTaskStatus
{
    public const string Submitted = "submitted";
    public const string Processing = "processing";
    public const string Succeed = "succeed";
    public const string Failed = "failed";

    /// <summary>Canceled jobs report <c>failed</c>: Kling has no canceled state.</summary>
    public static string From(JobStatus status) => status switch
    {
        JobStatus.Queued => Submitted,
        JobStatus.Running => Processing,
        JobStatus.Succeeded => Succeed,
        _ => Failed,
    };
}
