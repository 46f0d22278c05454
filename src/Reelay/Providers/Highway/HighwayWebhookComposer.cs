using System.Text.Json;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Highway.Contract;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Providers.Highway;

/// <summary>
/// Highway (Novita) notifications: when the task ends, <c>{"event_type":"ASYNC_TASK_RESULT","payload":&lt;task result&gt;}</c>
/// is POSTed to <c>extra.webhook.url</c>. The core adds Standard Webhooks signatures, retries and the SSRF guard.
/// </summary>
public sealed class HighwayWebhookComposer(HighwayTaskMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public string Dialect => HighwayDialect.DialectName;

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (eventType != WebhookEvents.Completed || job.Request.Webhook is not { } target) return [];
        var body = new HighwayWebhookEvent(HighwayWebhookEvent.AsyncTaskResult, mapper.ToTaskResult(job, baseUrl.Get(), LinkPurpose.Webhook));
        var payload = JsonSerializer.Serialize(body, HighwayJsonContext.Default.HighwayWebhookEvent);
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, HighwayWebhookEvent.AsyncTaskResult, target.Url, payload, now)];
    }
}
