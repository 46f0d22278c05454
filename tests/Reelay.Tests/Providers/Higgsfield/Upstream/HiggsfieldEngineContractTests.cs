using Reelay.Emulation;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

/// <summary>The upstream-engine contract for the Higgsfield adapter against the Higgsfield emulator.</summary>
public sealed class HiggsfieldEngineContractTests : UpstreamEngineContract<HiggsfieldEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<HiggsfieldEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await HiggsfieldEngineHarness.StartAsync(faults);

    protected override TimeSpan TaskLifetime => HiggsfieldEngineHarness.Queue + HiggsfieldEngineHarness.Generation;

    /// <summary>Job set ids are UUIDs; anything else is refused as invalid (422), not unknown.</summary>
    protected override string UnknownTaskRef(HiggsfieldEmulator emulator) => "7c1e2f40-0000-4000-8000-000000000001";
}
