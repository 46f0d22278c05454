namespace Reelay.Jobs;

/// <summary>Names and predicates for <see cref="JobStatus"/>; the stored and native spellings live here only.</summary>
public static class JobStatusExtensions
{
    public static bool IsTerminal(this JobStatus status) =>
        status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Canceled;

    /// <summary>Spelling used in the database.</summary>
    public static string ToStoreName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "running",
        JobStatus.Succeeded => "succeeded",
        JobStatus.Failed => "failed",
        JobStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static JobStatus FromStoreName(string name) => name switch
    {
        "queued" => JobStatus.Queued,
        "running" => JobStatus.Running,
        "succeeded" => JobStatus.Succeeded,
        "failed" => JobStatus.Failed,
        "canceled" => JobStatus.Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown job status"),
    };

    /// <summary>Spelling of the native API (docs/dialects.md: queued, in_progress, completed, failed, canceled).</summary>
    public static string ToNativeName(this JobStatus status) => status switch
    {
        JobStatus.Queued => "queued",
        JobStatus.Running => "in_progress",
        JobStatus.Succeeded => "completed",
        JobStatus.Failed => "failed",
        JobStatus.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseNative(string? name, out JobStatus status)
    {
        switch (name)
        {
            case "queued": status = JobStatus.Queued; return true;
            case "in_progress": status = JobStatus.Running; return true;
            case "completed": status = JobStatus.Succeeded; return true;
            case "failed": status = JobStatus.Failed; return true;
            case "canceled": status = JobStatus.Canceled; return true;
            default: status = default; return false;
        }
    }
}
