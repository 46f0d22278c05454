using System.Text.Json;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Providers.Leonardo.Contract;
using Reelay.Storage;
using Reelay.Webhooks;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo callbacks: when a job created through the Leonardo dialect ends (COMPLETE or FAILED — the generation's
/// status says which), POST <c>{"type":"video_generation.complete","object":"generation",...}</c> to the callback URL
/// its key had when the job was created, with <c>authorization: Bearer &lt;callback key&gt;</c> when the key has one.
/// No message for started/progress: Leonardo sends none.
/// </summary>
public sealed class LeonardoWebhookComposer(LeonardoGenerationMapper mapper, PublicBaseUrl baseUrl) : IJobWebhookComposer
{
    public const string EventType = "video_generation.complete";

    public string Dialect => LeonardoDialect.DialectName;

    public IReadOnlyList<WebhookMessage> Compose(VideoJob job, string eventType, DateTimeOffset now)
    {
        if (eventType != WebhookEvents.Completed) return [];
        if (job.Request.Extension(LeonardoExtensions.CallbackUrl) is not { Length: > 0 } url) return [];
        var body = new LeonardoWebhookEvent(EventType, "generation", now.ToUnixTimeMilliseconds(), "v1",
            new LeonardoWebhookData(mapper.ToGeneration(job, baseUrl.Get(), LinkPurpose.Webhook)));
        var payload = JsonSerializer.Serialize(body, LeonardoJsonContext.Default.LeonardoWebhookEvent);
        var headers = job.Request.Extension(LeonardoExtensions.CallbackKey) is { Length: > 0 } key
            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["authorization"] = $"Bearer {key}" }
            : null;
        return [new WebhookMessage(WebhookIds.New(now), job.Id, job.OwnerKeyId, EventType, url, payload, now, headers)];
    }
}
