using Reelay.Providers.Leonardo.Upstream;

namespace Reelay.Providers.Leonardo;

/// <summary>Leonardo (seed 003): its inbound dialect and its upstream adapter.</summary>
public sealed class LeonardoModule() : ProviderModule<LeonardoDialect>("leonardo", new LeonardoUpstreamEngineFactory(), typeof(LeonardoWebhookComposer),
    typeof(LeonardoAuthFilter), typeof(LeonardoGenerationMapper), typeof(LeonardoImageResolver), typeof(LeonardoUploadPolicy));
