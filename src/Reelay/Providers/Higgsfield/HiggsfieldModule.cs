using Reelay.Providers.Higgsfield.Upstream;

namespace Reelay.Providers.Higgsfield;

/// <summary>Higgsfield (seed 000): its inbound dialect and its upstream adapter.</summary>
public sealed class HiggsfieldModule() : ProviderModule<HiggsfieldDialect>("higgsfield", new HiggsfieldUpstreamEngineFactory(), typeof(HiggsfieldWebhookComposer),
    typeof(HiggsfieldJobSetMapper));
