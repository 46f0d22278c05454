using System.Collections.Frozen;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.Webhooks;

/// <summary>Picks the composer of a job's dialect; jobs of a dialect without one fall back to native.</summary>
public sealed class JobWebhooks
{
    private readonly FrozenDictionary<string, IJobWebhookComposer> _composers;
    private readonly IJobWebhookComposer _native;

    public JobWebhooks(IEnumerable<IJobWebhookComposer> composers)
    {
        var dict = new Dictionary<string, IJobWebhookComposer>(StringComparer.Ordinal);
        foreach (var c in composers)
        {
            if (!dict.TryAdd(c.Dialect, c)) throw new InvalidOperationException($"two webhook composers for dialect '{c.Dialect}'");
        }
        _composers = dict.ToFrozenDictionary();
        _native = _composers.TryGetValue("native", out var n) ? n : throw new InvalidOperationException("no native webhook composer registered");
    }

    public IReadOnlyList<WebhookMessage> For(VideoJob job, string eventType, DateTimeOffset now) =>
        (_composers.GetValueOrDefault(job.Dialect) ?? _native).Compose(job, eventType, now);
}
