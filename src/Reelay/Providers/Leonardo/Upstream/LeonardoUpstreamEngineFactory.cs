using Reelay.Engines;
using Reelay.Security;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.Leonardo.Upstream;

/// <summary>
/// Builds a <see cref="LeonardoEngine"/> for an upstream of type "leonardo". Leonardo has one credential: the
/// upstream's AccessKey is the <c>Authorization: Bearer</c> token (SecretKey is not needed). Leonardo's webhooks are
/// configured per API key, not per request, so jobs are polled only. The base URL is operator-configured, so it is not
/// subject to the SSRF guard; an upload form URL on another host and the result downloads are (Reelay's outbound policy).
/// </summary>
public sealed class LeonardoUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "leonardo";

    /// <summary>Its Kling models; Leonardo-dialect jobs on <c>local</c> (MOTION2, VEO3) are relayed only when Models lists <c>local</c>.</summary>
    public IReadOnlyList<string>? DefaultModels => LeonardoUpstreamRequestMapper.CatalogModels;

    public IReadOnlyList<string>? ServableModels => [.. LeonardoUpstreamRequestMapper.CatalogModels, "local"];

    public bool NeedsSecretKey => false;

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new LeonardoUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            ApiKey = definition.ResolveAccessKey() ?? "",
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
            UploadPolicy = services.GetRequiredService<OutboundPolicy>(),
        };
        var http = UpstreamHttpClient.Create();
        return new LeonardoEngine(options, http, services.GetRequiredService<IBlobStore>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<LeonardoEngine>>());
    }
}
