using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// One upstream that speaks HyprLab's video API (HyprLab itself, another Reelay's <c>/compat/hyprlab</c>, the
/// HyprLab emulator). HyprLab authenticates with one bearer key; it is never logged nor reported, and is sent only
/// to the upstream's own origin (a polling URL elsewhere is refused).
/// </summary>
public sealed record HyprLabUpstreamOptions : UpstreamOptions
{
    public HyprLabUpstreamOptions() => Name = "hyprlab";

    protected override string Provider => "HyprLab";

    /// <summary>The bearer key (config AccessKey).</summary>
    public string ApiKey { get; set; } = "";

    public override void Validate()
    {
        base.Validate();
        if (string.IsNullOrEmpty(ApiKey)) Refuse("the API key (AccessKey) is required");
    }
}
