using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Webhooks;

/// <summary>
/// Turns a job transition into the webhook messages its dialect sends (native: Standard Webhooks
/// events; provider dialects: their own payloads). Called inside the transition, so the messages
/// commit with it.
/// </summary>
public interface IJobWebhookComposer
{
    /// <summary>The dialect this composer serves (native, kling, ...).</summary>
    string Dialect { get; }

    /// <param name="job">The job as it will be stored after the transition.</param>
    /// <param name="eventType">One of <see cref="WebhookEvents"/>.</param>
    IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now);
}
