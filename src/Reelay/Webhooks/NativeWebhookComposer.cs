using System.Text.Json;
using Reelay.Api;
using Reelay.Api.Native;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Webhooks;

/// <summary>
/// Native webhooks: <c>{type, timestamp, data: video}</c> with type video.started, video.progress,
/// video.completed, video.failed or video.canceled, sent to the job's <c>webhook.url</c> when its
/// event filter wants it.
/// </summary>
public sealed class NativeWebhookComposer(NativeVideoMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public string Dialect => "native";

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (job.Request.Webhook is not { } target || !target.Wants(eventType)) return [];
        var type = eventType switch
        {
            WebhookEvents.Started => "video.started",
            WebhookEvents.Progress => "video.progress",
            _ => job.Status switch
            {
                JobStatus.Succeeded => "video.completed",
                JobStatus.Canceled => "video.canceled",
                _ => "video.failed",
            },
        };
        var body = new NativeWebhookEvent(type, now.UtcDateTime.ToString("O"), mapper.ToNative(job, baseUrl.Get(), LinkPurpose.Webhook));
        var payload = JsonSerializer.Serialize(body, NativeJsonContext.Default.NativeWebhookEvent);
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, type, target.Url, payload, now)];
    }
}
