namespace Reelay.Webhooks;

/// <summary>Webhook message ids (<c>msg_</c> + time-ordered UUID), used as the Standard Webhooks <c>webhook-id</c>.</summary>
public static class WebhookIds
{
    public static string New(DateTimeOffset now) => "msg_" + Guid.CreateVersion7(now).ToString("N");
}
