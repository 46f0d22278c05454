using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Engines;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Highway.Upstream;

/// <summary>
/// Builds a <see cref="HighwayEngine"/> for an upstream of type "highway". Highway has one credential, the API key
/// sent as <c>Authorization: Bearer</c>: it is config <c>AccessKey</c> (or <c>AccessKeyEnv</c>); SecretKey is unused.
/// The upstream is operator-configured, so its base URL is not subject to the SSRF guard; result downloads are.
/// </summary>
public sealed class HighwayUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "highway";

    public IReadOnlyList<string>? DefaultModels => [HighwayUpstreamRequestMapper.ServedModel];

    public bool NeedsSecretKey => false;

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new HighwayUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            ApiKey = definition.ResolveAccessKey() ?? "",
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
            PublicBaseUrl = services.GetRequiredService<IOptions<ReelayOptions>>().Value.PublicBaseUrl,
        };
        var http = UpstreamHttpClient.Create();
        return new HighwayEngine(options, http, services.GetRequiredService<IBlobStore>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<HighwayEngine>>());
    }
}
