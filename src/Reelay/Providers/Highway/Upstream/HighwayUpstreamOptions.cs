using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// One upstream speaking Highway's async API (Highway itself, a Novita-layout service, another Reelay, the Highway
/// emulator): paths <c>/v3/async/...</c> are appended to <see cref="UpstreamOptions.BaseUrl"/>. The credential is one
/// API key sent as <c>Authorization: Bearer</c>; it is never logged nor reported. With
/// <see cref="UpstreamOptions.PublicBaseUrl"/> set, each task is created with
/// <c>extra.webhook.url = {PublicBaseUrl}/v1/upstream-callbacks/highway/{jobId}</c>.
/// </summary>
public sealed record HighwayUpstreamOptions : UpstreamOptions
{
    public HighwayUpstreamOptions() => Name = "highway";

    protected override string Provider => "Highway";

    /// <summary>The Bearer token (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(ApiKey)) Refuse("AccessKey (the Bearer API key) is required");
    }
}
