namespace Reelay.Jobs;

/// <summary>Timeline event types written with the transition that causes them.</summary>
public static class JobEventTypes
{
    public const string Created = "created";
    public const string Started = "started";
    public const string Submitting = "submitting";
    public const string Submitted = "submitted";
    public const string Failover = "failover";
    public const string Progress = "progress";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Canceled = "canceled";
    public const string Retrying = "retrying";
    /// <summary>Retention deleted the result files; the record stays until its own expiry.</summary>
    public const string ResultsExpired = "results_expired";
}
