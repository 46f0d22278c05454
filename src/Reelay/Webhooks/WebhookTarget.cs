using Reelay.Jobs;
namespace Reelay.Webhooks;

/// <summary>Where a job's notifications go and which events are wanted.</summary>
/// <param name="Url">Absolute http(s) URL; checked by the SSRF guard when sent.</param>
/// <param name="Events">Subset of <see cref="WebhookEvents.All"/>; empty means all.</param>
public sealed record WebhookTarget(string Url, IReadOnlyList<string> Events)
{
    public bool Wants(string eventType) => Events.Count == 0 || Events.Contains(eventType);
}
