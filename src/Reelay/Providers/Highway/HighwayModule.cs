using Reelay.Providers.Highway.Upstream;

namespace Reelay.Providers.Highway;

/// <summary>Highway (seed 001): its inbound dialect and its upstream adapter.</summary>
public sealed class HighwayModule() : ProviderModule<HighwayDialect>("highway", new HighwayUpstreamEngineFactory(), typeof(HighwayWebhookComposer),
    typeof(HighwayTaskMapper));
