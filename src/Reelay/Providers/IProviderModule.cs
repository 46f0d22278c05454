using Reelay.Upstreams;

namespace Reelay.Providers;

/// <summary>
/// One provider, as a plug-in: everything Reelay knows of it lives in its folder <c>Providers/&lt;P&gt;/</c>, and the host
/// takes it from the one list in <see cref="ProviderModules"/>. <see cref="AddServices"/> registers the provider's
/// inbound dialect (an <see cref="Api.Dialects.IDialect"/>, which maps its own routes at the root and under
/// <c>/compat/&lt;p&gt;/</c>), its webhook composer and its helpers; <see cref="Upstream"/> builds engines for upstreams
/// of its wire type.
/// </summary>
public interface IProviderModule
{
    /// <summary>Lower-case provider name: the dialect's name and the upstream type.</summary>
    string Name { get; }

    /// <summary>Registers the inbound dialect and what it needs; nothing when the provider is upstream-only.</summary>
    void AddServices(IServiceCollection services);

    /// <summary>Builds engines for configured upstreams of type <see cref="Name"/>; null when Reelay cannot relay to it.</summary>
    IUpstreamEngineFactory? Upstream { get; }
}
