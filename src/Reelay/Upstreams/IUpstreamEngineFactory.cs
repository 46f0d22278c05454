using Reelay.Engines;

namespace Reelay.Upstreams;

/// <summary>Builds the engine for one configured upstream of a given wire <see cref="Type"/> ("kling", ...).</summary>
public interface IUpstreamEngineFactory
{
    string Type { get; }

    /// <summary>False for protocols with a single credential (a Bearer or raw key in AccessKey): no SecretKey is required.</summary>
    bool NeedsSecretKey => true;

    IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services);
}
