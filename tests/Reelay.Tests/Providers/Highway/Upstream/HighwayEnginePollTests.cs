using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway.Emulator;

namespace Reelay.Tests.Providers.Highway.Upstream;

public sealed class HighwayEnginePollTests
{
    private static readonly TimeSpan Queue = HighwayEngineHarness.Queue;
    private static readonly TimeSpan Generation = HighwayEngineHarness.Generation;

    private static async Task<(HighwayEngineHarness H, EngineContext Polling)> SubmittedAsync(Action<EmulatorFaults>? faults = null)
    {
        var h = await HighwayEngineHarness.StartAsync(faults);
        var submitted = await h.Engine().SubmitAsync(h.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        return (h, h.Context(HighwayEngineHarness.TextRequest(), upstreamRef: submitted.UpstreamRef));
    }

    [Fact]
    public async Task Poll_Timeline_EtaAndProgressDriveScheduleThenProduced()
    {
        var (h, ctx) = await SubmittedAsync();
        await using var _ = h;
        var engine = h.Engine();

        var queued = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Running, queued.Kind);
        Assert.Equal(0, queued.Progress);
        Assert.Equal(TimeSpan.FromSeconds(15), queued.RetryAfter); // eta 70 s, capped by MaxPollInterval

        h.Clock.Advance(Queue + Generation / 2);
        var half = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(50, half.Progress);

        h.Clock.Advance(Generation / 2 - TimeSpan.FromSeconds(4));
        var nearlyDone = await engine.PollAsync(ctx, CancellationToken.None);
        // Just after the upstream's 4 s eta, under the cap: (4 s + 5 % slack) × up to +10 % jitter, so 4.2–4.62 s.
        Assert.InRange(nearlyDone.RetryAfter, TimeSpan.FromSeconds(4.1), TimeSpan.FromSeconds(4.62));
        Assert.InRange(nearlyDone.Progress, 90, 99);

        h.Clock.Advance(TimeSpan.FromSeconds(4));
        var done = await engine.PollAsync(ctx, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Produced, done.Kind);
        Assert.StartsWith($"/results/{ctx.Job.UpstreamRef}.mp4", done.Result!.RemoteUrl!.PathAndQuery);
        Assert.Equal(4, h.Emulator.StatusCallsFor(ctx.Job.UpstreamRef!));
    }

    [Fact]
    public async Task Poll_FailedTask_FinalEngineFailedWithReason()
    {
        var (h, ctx) = await SubmittedAsync(f => f.FailTask = 1);
        await using var _ = h;
        h.Clock.Advance(Queue + Generation);

        var outcome = await h.Engine().PollAsync(ctx, CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("inference error", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_KeyRefusedAfterSubmit_RetryableBecauseTheTaskIsPaidFor()
    {
        var (h, ctx) = await SubmittedAsync();
        await using var _ = h;

        var outcome = await h.Engine(apiKey: "rotated").PollAsync(ctx, CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }
}
