using Reelay.Providers.ApiFrame;
using Reelay.Providers.Higgsfield;
using Reelay.Providers.Highway;
using Reelay.Providers.HyprLab;
using Reelay.Providers.Kling;
using Reelay.Providers.Leonardo;

namespace Reelay.Providers;

/// <summary>The providers this build speaks and relays to: one line each. Adding a provider is its folder and a line here.</summary>
public static class ProviderModules
{
    public static IReadOnlyList<IProviderModule> All { get; } =
    [
        new ApiFrameModule(),
        new LeonardoModule(),
        new HiggsfieldModule(),
        new HighwayModule(),
        new HyprLabModule(),
        new KlingModule(),
    ];
}
