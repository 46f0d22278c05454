using Reelay.Providers.ApiFrame.Upstream;

namespace Reelay.Providers.ApiFrame;

/// <summary>APIFrame (seed 004): its inbound dialect and its upstream adapter.</summary>
public sealed class ApiFrameModule() : ProviderModule<ApiFrameDialect>("apiframe", new ApiFrameUpstreamEngineFactory(), typeof(ApiFrameWebhookComposer),
    typeof(ApiFrameRequestMapper), typeof(ApiFrameTaskMapper), typeof(ApiFrameAuthFilter), typeof(ApiFrameFaultFilter));
