using Reelay.Providers.Kling.Upstream;

namespace Reelay.Providers.Kling;

/// <summary>The official Kling API: its inbound dialect (JWT auth) and its upstream adapter.</summary>
public sealed class KlingModule() : ProviderModule<KlingDialect>("kling", new KlingUpstreamEngineFactory(), typeof(KlingWebhookComposer),
    typeof(KlingAuthenticator), typeof(KlingAuthFilter), typeof(KlingRequestMapper), typeof(KlingTaskMapper), typeof(KlingTaskFinder));
