using Reelay.Providers.HyprLab.Upstream;

namespace Reelay.Providers.HyprLab;

/// <summary>HyprLab (seed 002): its inbound dialect (HyprLab sends no webhooks) and its upstream adapter.</summary>
public sealed class HyprLabModule() : ProviderModule<HyprLabDialect>("hyprlab", new HyprLabUpstreamEngineFactory(), webhookComposer: null,
    typeof(HyprLabGenerationMapper));
