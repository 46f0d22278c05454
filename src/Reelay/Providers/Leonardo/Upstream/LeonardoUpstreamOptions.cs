using Reelay.Security;
using Reelay.Upstreams;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// One upstream speaking Leonardo.ai's REST API (Leonardo itself, another Reelay, the Leonardo emulator):
/// <c>/api/rest/v1/...</c> is appended to <see cref="UpstreamOptions.BaseUrl"/>. Leonardo authenticates with one bearer
/// token; it is sent only to BaseUrl (never to the presigned upload URL) and is never logged nor reported.
/// </summary>
public sealed record LeonardoUpstreamOptions : UpstreamOptions
{
    public LeonardoUpstreamOptions() => Name = "leonardo";

    protected override string Provider => "Leonardo";

    /// <summary>The <c>Authorization: Bearer</c> token (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Per image upload to the presigned form URL (the body is up to 10 MB, so longer than an API call).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Where an upload form on another host than BaseUrl's may send the image: Reelay's outbound policy, so an upstream
    /// cannot steer the upload into a private network (SSRF). A form on BaseUrl's own scheme, host and port goes to the
    /// operator-configured destination and is not checked. Default: public addresses only.
    /// </summary>
    public OutboundPolicy UploadPolicy { get; set; } = new();

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(ApiKey)) Refuse("the API key (AccessKey) is required");
        if (UploadTimeout <= TimeSpan.Zero) Refuse("UploadTimeout must be positive");
    }
}
