using Microsoft.Extensions.Options;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Kling.Upstream;

/// <summary>
/// Builds a <see cref="KlingEngine"/> for an upstream of type "kling" (the official API or anything speaking it).
/// The upstream is operator-configured, so its base URL is not subject to the SSRF guard; result downloads are.
/// Callbacks are requested when Reelay:PublicBaseUrl is set (they only make the next poll happen sooner).
/// </summary>
public sealed class KlingUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "kling";

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new KlingUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            AccessKey = definition.ResolveAccessKey() ?? "",
            SecretKey = definition.ResolveSecretKey() ?? "",
            PublicBaseUrl = services.GetRequiredService<IOptions<ReelayOptions>>().Value.PublicBaseUrl,
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
        };
        var http = UpstreamHttpClient.Create();
        return new KlingEngine(options, http, services.GetRequiredService<IBlobStore>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<KlingEngine>>());
    }
}
