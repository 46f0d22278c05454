namespace Reelay.Client;

/// <summary>Where to send signed notifications about a video (verify them with <see cref="WebhookVerifier"/>).</summary>
/// <param name="Url">Absolute http(s) URL reachable from the server.</param>
/// <param name="Events">Any of <c>started</c>, <c>progress</c>, <c>completed</c>; null or empty means all.</param>
public sealed record VideoWebhook(Uri Url, IReadOnlyList<string>? Events = null);
