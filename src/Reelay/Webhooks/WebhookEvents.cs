using Reelay.Jobs;
namespace Reelay.Webhooks;

/// <summary>Event names a job webhook can subscribe to (native API: video.started, video.progress, video.completed).</summary>
public static class WebhookEvents
{
    public const string Started = "started";
    public const string Progress = "progress";
    /// <summary>Any terminal outcome: succeeded, failed or canceled. The payload's status says which.</summary>
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Started, Progress, Completed];
}
