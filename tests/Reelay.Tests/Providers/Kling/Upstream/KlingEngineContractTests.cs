using Reelay.Emulation;
using Reelay.Jobs;
using Reelay.Providers.Kling.Emulator;
using Reelay.Tests.Upstreams.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

/// <summary>The upstream-engine contract for the Kling adapter against the Kling emulator; Kling finds a lost submit by external_task_id.</summary>
public sealed class KlingEngineContractTests : UpstreamEngineContract<KlingEmulator>
{
    protected override async Task<EmulatedUpstreamHarness<KlingEmulator>> StartAsync(Action<EmulatorFaults>? faults = null) =>
        await KlingEmulatorHarness.StartAsync(faults);

    protected override TimeSpan TaskLifetime => KlingEmulatorHarness.Queue + KlingEmulatorHarness.Generation;

    protected override VideoRequest Request => new() { Model = "kling-v1", Prompt = "a contract at dusk", DurationSeconds = 5 };

    protected override bool FindsLostSubmits => true;
}
