using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Emulator;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

public sealed class HiggsfieldEnginePollTests
{
    private static readonly TimeSpan Queue = HiggsfieldEngineHarness.Queue;
    private static readonly TimeSpan Generation = HiggsfieldEngineHarness.Generation;

    private static async Task<(HiggsfieldEngineHarness H, EngineContext Polling)> SubmittedAsync(Action<EmulatorFaults>? faults = null)
    {
        var h = await HiggsfieldEngineHarness.StartAsync(faults);
        var engine = h.Engine();
        var submitted = await engine.SubmitAsync(h.Context(HiggsfieldEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        return (h, h.Context(HiggsfieldEngineHarness.TextRequest(), upstreamRef: submitted.UpstreamRef));
    }

    [Fact]
    public async Task Poll_Timeline_QueuedThenRunningThenProducedFromRawUrl()
    {
        var (h, ctx) = await SubmittedAsync();
        await using var _ = h;
        var engine = h.Engine();

        var queued = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Running, queued.Kind);
        Assert.InRange(queued.Progress, 0, 5);

        h.Clock.Advance(Queue + Generation / 2);
        var running = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Running, running.Kind);
        Assert.InRange(running.Progress, 1, 99);
        Assert.InRange(running.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

        h.Clock.Advance(Generation);
        var done = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Produced, done.Kind);
        var url = done.Result!.RemoteUrl!;
        Assert.Equal(h.Emulator.BaseAddress.Port, url.Port);
        Assert.StartsWith($"/results/{ctx.Job.UpstreamRef}.mp4", url.PathAndQuery);
        Assert.Equal(3, h.Emulator.StatusCallsFor(ctx.Job.UpstreamRef!));
    }

    [Fact]
    public async Task Poll_CredentialsRefusedAfterSubmit_RetryableBecauseTheJobIsPaidFor()
    {
        var (h, ctx) = await SubmittedAsync();
        await using var _ = h;

        var outcome = await h.Engine(secret: "rotated").PollAsync(ctx, CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }
}
