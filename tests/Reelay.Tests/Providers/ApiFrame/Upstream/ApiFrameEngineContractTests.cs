using Reelay.Emulation;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.ApiFrame.Upstream;

/// <summary>The upstream-engine contract for the APIFrame adapter against the APIFrame emulator.</summary>
public sealed class ApiFrameEngineContractTests : UpstreamEngineContract<ApiFrameEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<ApiFrameEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await ApiFrameEngineHarness.StartAsync(o => faults?.Invoke(o.Faults));

    protected override TimeSpan TaskLifetime => ApiFrameEngineHarness.Queue + ApiFrameEngineHarness.Generation;

    protected override VideoRequest Request => new() { Model = "kling-v1-6", Prompt = "a contract at dusk", DurationSeconds = 5 };
}
