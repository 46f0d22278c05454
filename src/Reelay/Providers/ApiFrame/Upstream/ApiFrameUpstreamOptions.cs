using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// One upstream that speaks APIFrame's Kling API (APIFrame itself, another Reelay, the APIFrame emulator).
/// APIFrame authenticates with one raw API key (<c>Authorization: &lt;key&gt;</c>, no scheme); it is never logged
/// nor reported. With <see cref="UpstreamOptions.PublicBaseUrl"/> set, each task is created with
/// <c>webhook_url = {PublicBaseUrl}/v1/upstream-callbacks/apiframe/{jobId}</c> and stored start/end images are passed
/// as signed Reelay links; without it, image-to-video jobs cannot be relayed (APIFrame takes images only by URL).
/// </summary>
public sealed record ApiFrameUpstreamOptions : UpstreamOptions
{
    public ApiFrameUpstreamOptions() => Name = "apiframe";

    protected override string Provider => "APIFrame";

    /// <summary>The raw API key (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(ApiKey)) Refuse("the API key (AccessKey) is required");
    }
}
