namespace Reelay.Providers.Higgsfield.Contract;

/// <summary>
/// The <c>webhook</c> of a generate request: where the JobSet is POSTed once terminal, and the secret sent back in
/// <c>X-Webhook-Secret</c>.
/// </summary>
public sealed record HiggsfieldWebhook(string Url, string Secret);
