using Reelay.Providers;

namespace Reelay.Upstreams;

/// <summary>The upstream wire protocols this build can relay to, by <see cref="UpstreamDefinition.Type"/>: those of the provider modules.</summary>
public static class UpstreamEngineFactories
{
    public static IReadOnlyDictionary<string, IUpstreamEngineFactory> All { get; } =
        ProviderModules.All.Select(m => m.Upstream).OfType<IUpstreamEngineFactory>().ToDictionary(f => f.Type, StringComparer.Ordinal);
}
