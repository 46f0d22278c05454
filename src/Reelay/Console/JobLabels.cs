using Reelay.Jobs;

namespace Reelay.WebConsole;

/// <summary>Words the console shows for job states (the native API's names, readable).</summary>
public static class JobLabels
{
    public static string Status(JobStatus status) => status switch
    {
        JobStatus.Queued => "Queued",
        JobStatus.Running => "In progress",
        JobStatus.Succeeded => "Completed",
        JobStatus.Failed => "Failed",
        JobStatus.Canceled => "Canceled",
        _ => status.ToString(),
    };

    /// <summary>A short UTC timestamp.</summary>
    public static string Time(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
