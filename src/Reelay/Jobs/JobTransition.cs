using Reelay.Storage;

namespace Reelay.Jobs;

/// <summary>A job's next state plus the timeline events and webhooks that must commit with it.</summary>
public sealed record JobTransition(VideoJob Job, IReadOnlyList<NewJobEvent> Events, IReadOnlyList<WebhookMessage> Webhooks);
