using System.Text.Json;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Providers.Kling;

/// <summary>
/// Kling callbacks: the bare task object (query shape, no envelope) POSTed to <c>callback_url</c> on every status
/// change after create: started → <c>processing</c>, completed → <c>succeed</c> or <c>failed</c>. Progress ticks are
/// not status changes and send nothing. Kling documents no signature; the core adds the Standard Webhooks headers.
/// </summary>
public sealed class KlingWebhookComposer(KlingTaskMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public string Dialect => KlingDialect.DialectName;

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (job.Request.Webhook is not { } target || eventType == WebhookEvents.Progress) return [];
        var task = mapper.ToTask(job, baseUrl.Get(), LinkPurpose.Webhook);
        var payload = JsonSerializer.Serialize(task, KlingJsonContext.Default.KlingTask);
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, "kling.task." + task.TaskStatus, target.Url, payload, now)];
    }
}
