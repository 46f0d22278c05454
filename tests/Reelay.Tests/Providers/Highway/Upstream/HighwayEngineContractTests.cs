using Reelay.Emulation;
using Reelay.Providers.Highway.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Highway.Upstream;

/// <summary>The upstream-engine contract for the Highway adapter against the Highway emulator.</summary>
public sealed class HighwayEngineContractTests : UpstreamEngineContract<HighwayEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<HighwayEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await HighwayEngineHarness.StartAsync(faults);

    protected override TimeSpan TaskLifetime => HighwayEngineHarness.Queue + HighwayEngineHarness.Generation;
}
