namespace Reelay.Accounts;

/// <summary>A newly created key with its secrets in clear — shown once, never stored or logged.</summary>
/// <param name="Secret">The secret part (Higgsfield <c>hf-secret</c>, Kling secret key).</param>
/// <param name="Token">The single-string form for Bearer / raw Authorization headers.</param>
/// <param name="WebhookSecret">The <c>whsec_</c> secret webhooks to this key's jobs are signed with.</param>
public sealed record IssuedKey(ApiKey Key, string Secret, string Token, string WebhookSecret);
