namespace Reelay.Providers.ApiFrame;

/// <summary>Keys of what an APIFrame job remembers in <see cref="Jobs.VideoRequest.Extensions"/>.</summary>
public static class ApiFrameExtensions
{
    /// <summary>The model the caller asked for (the job may run on <c>local</c>, see <see cref="ApiFrameRequestMapper"/>).</summary>
    public const string Model = "apiframe.model";
    public const string GenerationType = "apiframe.generation_type";
    /// <summary>Sent back as <c>x-webhook-secret</c>; never logged nor shown by any API.</summary>
    public const string WebhookSecret = "apiframe.webhook_secret";
}
