using System.Text.Json;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// Higgsfield notifications (docs/dialects.md §2, Decision): once the job set is terminal, its JobSet JSON is POSTed
/// to <c>webhook.url</c> with <c>X-Webhook-Secret: &lt;secret&gt;</c> when the caller gave a secret. The core adds
/// the Standard Webhooks signature headers, retries and the SSRF guard.
/// </summary>
public sealed class HiggsfieldWebhookComposer(HiggsfieldJobSetMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public const string SecretHeader = "X-Webhook-Secret";

    public string Dialect => HiggsfieldDialect.DialectName;

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (eventType != WebhookEvents.Completed || job.Request.Webhook is not { } target) return [];
        var jobSet = mapper.ToJobSet(job, baseUrl.Get(), LinkPurpose.Webhook);
        var payload = JsonSerializer.Serialize(jobSet, HiggsfieldJsonContext.Default.HiggsfieldJobSet);
        var secret = job.Request.Extension(HiggsfieldRequestReader.WebhookSecretExtension);
        var headers = secret is null ? null : new Dictionary<string, string> { [SecretHeader] = secret };
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, "job_set." + jobSet.Jobs[0].Status, target.Url, payload, now, headers)];
    }
}
