using Microsoft.Extensions.Options;
using Reelay.Api;
using Reelay.Engines;
using Reelay.Hosting;
using Reelay.Providers.ApiFrame.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.ApiFrame.Upstream;

/// <summary>
/// Builds an <see cref="ApiFrameEngine"/> for an upstream of type "apiframe". APIFrame has one API key: it is the
/// upstream's AccessKey (SecretKey is unused by this type; configuration still requires a value). Webhooks and
/// image-to-video (signed links to stored images) need Reelay:PublicBaseUrl.
/// </summary>
public sealed class ApiFrameUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "apiframe";

    public IReadOnlyList<string>? DefaultModels => ApiFrameValues.Models;

    public bool NeedsSecretKey => false;

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new ApiFrameUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            ApiKey = definition.ResolveAccessKey() ?? "",
            PublicBaseUrl = services.GetRequiredService<IOptions<ReelayOptions>>().Value.PublicBaseUrl,
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
        };
        var http = UpstreamHttpClient.Create();
        return new ApiFrameEngine(options, http, services.GetRequiredService<InputImageLinks>(),
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<ApiFrameEngine>>());
    }
}
