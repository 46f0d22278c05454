namespace Reelay.Providers.Highway.Contract;

/// <summary><c>extra.webhook</c>: where the <see cref="HighwayWebhookEvent"/> is POSTed when the task ends.</summary>
public sealed record HighwayWebhookTarget(string Url);
