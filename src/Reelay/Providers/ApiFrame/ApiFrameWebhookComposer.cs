using System.Text.Json;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Providers.ApiFrame;

/// <summary>
/// APIFrame notifications: "the final result and updates of this task" are POSTed to <c>webhook_url</c> in the
/// <c>/fetch</c> body shape, with <c>x-webhook-secret: &lt;webhook_secret&gt;</c> when the caller gave one. Sent on
/// start (status starting), on progress (throttled by the core) and at the end (finished or failed); the
/// core's outbox adds retries, the SSRF guard and the Standard Webhooks signature headers.
/// </summary>
public sealed class ApiFrameWebhookComposer(ApiFrameTaskMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public string Dialect => ApiFrameDialect.DialectName;

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (job.Request.Webhook is not { } target || !target.Wants(eventType)) return [];
        var task = mapper.ToTask(job, baseUrl.Get(), LinkPurpose.Webhook);
        var payload = JsonSerializer.Serialize(task, ApiFrameJsonContext.Default.ApiFrameTask);
        var secret = job.Request.Extension(ApiFrameExtensions.WebhookSecret);
        var headers = secret is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { [ApiFrameValues.WebhookSecretHeader] = secret };
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, $"kling-video.{task.Status}", target.Url, payload, now, headers)];
    }
}
