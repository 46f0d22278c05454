using Reelay.Providers.Higgsfield.Upstream;
using Reelay.Providers.Highway.Upstream;
using Reelay.Providers.ApiFrame.Upstream;
using Reelay.Providers.HyprLab.Upstream;
using Reelay.Providers.Kling.Upstream;
using Reelay.Providers.Leonardo.Upstream;

namespace Reelay.Upstreams;

/// <summary>The upstream wire protocols this build can relay to, by <see cref="UpstreamDefinition.Type"/>.</summary>
public static class UpstreamEngineFactories
{
    public static IReadOnlyDictionary<string, IUpstreamEngineFactory> All { get; } =
        new IUpstreamEngineFactory[] { new KlingUpstreamEngineFactory(), new HiggsfieldUpstreamEngineFactory(), new HighwayUpstreamEngineFactory(), new ApiFrameUpstreamEngineFactory(), new HyprLabUpstreamEngineFactory(), new LeonardoUpstreamEngineFactory() }.ToDictionary(f => f.Type, StringComparer.Ordinal);
}
