using Reelay.Upstreams;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// One upstream speaking Higgsfield's platform API (Higgsfield itself, another Reelay, the Higgsfield emulator).
/// Credentials are the <c>hf-api-key</c> / <c>hf-secret</c> pair; the secret is sent only in its header and is never
/// logged nor reported. With <see cref="UpstreamOptions.PublicBaseUrl"/> set, each task is created with
/// <c>webhook = {url: {PublicBaseUrl}/v1/upstream-callbacks/higgsfield/{jobId}, secret: &lt;random per submit&gt;}</c>.
/// </summary>
public sealed record HiggsfieldUpstreamOptions : UpstreamOptions
{
    public HiggsfieldUpstreamOptions() => Name = "higgsfield";

    protected override string Provider => "Higgsfield";

    /// <summary>The <c>hf-api-key</c> header (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The <c>hf-secret</c> header (config SecretKey).</summary>
    public string Secret { get; set; } = "";

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(ApiKey) || string.IsNullOrEmpty(Secret)) Refuse("AccessKey (hf-api-key) and SecretKey (hf-secret) are required");
    }
}
