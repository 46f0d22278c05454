using Reelay.Engines;
using Reelay.Storage.Blobs;
using Reelay.Upstreams;

namespace Reelay.Providers.HyprLab.Upstream;

/// <summary>
/// Builds a <see cref="HyprLabEngine"/> for an upstream of type "hyprlab". HyprLab has one bearer key: it is the
/// upstream's AccessKey (SecretKey is unused by this type; configuration still requires a value). HyprLab offers no
/// callbacks, so jobs are polled only.
/// </summary>
public sealed class HyprLabUpstreamEngineFactory : IUpstreamEngineFactory
{
    public string Type => "hyprlab";

    public bool NeedsSecretKey => false;

    public IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services)
    {
        var options = new HyprLabUpstreamOptions
        {
            Name = definition.Name,
            BaseUrl = definition.BaseUrl,
            ApiKey = definition.ResolveAccessKey() ?? "",
            FirstPollAfter = definition.FirstPollAfter,
            MaxPollInterval = definition.MaxPollInterval,
            GenerationTimes = GenerationTimes.Of(definition, services),
        };
        var http = UpstreamHttpClient.Create();
        return new HyprLabEngine(options, http, services.GetRequiredService<IBlobStore>(), services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<HyprLabEngine>>());
    }
}
