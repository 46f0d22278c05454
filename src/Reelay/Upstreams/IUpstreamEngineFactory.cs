using Reelay.Engines;

namespace Reelay.Upstreams;

/// <summary>Builds the engine for one configured upstream of a given wire <see cref="Type"/> ("kling", ...).</summary>
public interface IUpstreamEngineFactory
{
    string Type { get; }

    /// <summary>False for protocols with a single credential (a Bearer or raw key in AccessKey): no SecretKey is required.</summary>
    bool NeedsSecretKey => true;

    /// <summary>
    /// The catalog models this protocol's adapter can serve, used as an upstream's Models when configuration lists
    /// none; null when it serves every non-local model. Without it an unlisted upstream would claim models its adapter
    /// refuses, and those jobs would fail with engine_unavailable instead of running where they can.
    /// </summary>
    IReadOnlyList<string>? DefaultModels => null;

    /// <summary>
    /// Every model an upstream of this type may list in Models (the defaults and any it serves only when asked, like
    /// Leonardo's <c>local</c>); null when there is no limit. A listed model outside it is refused at start.
    /// </summary>
    IReadOnlyList<string>? ServableModels => DefaultModels;

    IVideoEngine Create(UpstreamDefinition definition, IServiceProvider services);
}
