using Reelay.Emulation;
using Reelay.Jobs;
using Reelay.Providers.HyprLab.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.HyprLab.Upstream;

/// <summary>The upstream-engine contract for the HyprLab adapter against the HyprLab emulator; its task reference is the polling URL.</summary>
public sealed class HyprLabEngineContractTests : UpstreamEngineContract<HyprLabEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<HyprLabEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await HyprLabEngineHarness.StartAsync(o => faults?.Invoke(o.Faults));

    protected override TimeSpan TaskLifetime => HyprLabEngineHarness.Queue + HyprLabEngineHarness.Generation;

    protected override VideoRequest Request => new() { Model = "kling-v1-6", Prompt = "a contract at dusk", DurationSeconds = 5 };

    protected override string UnknownTaskRef(HyprLabEmulator emulator) => new Uri(emulator.BaseAddress, "/v1/video/generations/vidgen_000000000000000000000000").ToString();
}
