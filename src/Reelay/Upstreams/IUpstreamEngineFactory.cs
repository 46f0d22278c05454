using Reelay.Engines;

namespace Reelay.Upstreams;

/// <summary>Builds the engine for one configured upstream of a given wire <see cref="Type"/> ("kling", ...).</summary>
public interface IUpstreamEngineFactory
{
    string Type { get; }

    IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services);
}
