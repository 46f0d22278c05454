namespace Reelay.Providers.Highway.Contract;

/// <summary>The <c>extra</c> of a create request as Reelay sends it: only Novita's <c>webhook</c>.</summary>
public sealed record HighwayCreateExtra(HighwayWebhookTarget Webhook);
