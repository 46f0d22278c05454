using Microsoft.Extensions.Options;
using Reelay.Hosting;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Upstreams;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// Builds a <see cref="HiggsfieldEngine"/> for an upstream of type "higgsfield": config AccessKey is the
/// <c>hf-api-key</c>, SecretKey the <c>hf-secret</c>. The upstream is operator-configured, so its base URL is not
/// subject to the SSRF guard; result downloads are. Image jobs need Reelay:PublicBaseUrl (images go by link).
/// </summary>
public sealed class HiggsfieldUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "higgsfield";

    public IReadOnlyList<string>? DefaultModels => [HiggsfieldUpstreamRequestMapper.ServedModel];

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new HiggsfieldUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            ApiKey = definition.ResolveAccessKey() ?? "",
            Secret = definition.ResolveSecretKey() ?? "",
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
            PublicBaseUrl = services.GetRequiredService<IOptions<ReelayOptions>>().Value.PublicBaseUrl,
        };
        var http = UpstreamHttpClient.Create();
        return new HiggsfieldEngine(options, http, services.GetRequiredService<InputImageLinks>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<HiggsfieldEngine>>());
    }
}
