using Reelay.Emulation;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

/// <summary>The upstream-engine contract for the Leonardo adapter against the Leonardo emulator.</summary>
public sealed class LeonardoEngineContractTests : UpstreamEngineContract<LeonardoEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<LeonardoEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await LeonardoEngineHarness.StartAsync(o => faults?.Invoke(o.Faults));

    protected override TimeSpan TaskLifetime => LeonardoEngineHarness.Queue + LeonardoEngineHarness.Generation;
}
