namespace Reelay.Accounts;

/// <summary>A key after its webhook secret was rotated, with the new <c>whsec_</c> secret in clear (shown once, never logged).</summary>
public sealed record RotatedWebhookSecret(ApiKey Key, string WebhookSecret);
