using Reelay.Api.Dialects;
using Reelay.Upstreams;
using Reelay.Webhooks;

namespace Reelay.Providers;

/// <summary>
/// The usual module: a provider with an inbound dialect <typeparamref name="TDialect"/>, optionally its webhook
/// composer, the helper types its dialect takes by injection (each a singleton), and its upstream factory. A
/// provider that needs more overrides <see cref="AddServices"/> and calls the base.
/// </summary>
public abstract class ProviderModule<TDialect>(string name, IUpstreamEngineFactory? upstream, Type? webhookComposer, params Type[] helpers)
    : IProviderModule
    where TDialect : class, IDialect
{
    public string Name => name;

    public IUpstreamEngineFactory? Upstream => upstream;

    public virtual void AddServices(IServiceCollection services)
    {
        services.AddSingleton<IDialect, TDialect>();
        if (webhookComposer is not null) services.AddSingleton(typeof(IJobWebhookComposer), webhookComposer);
        foreach (var helper in helpers) services.AddSingleton(helper);
    }
}
