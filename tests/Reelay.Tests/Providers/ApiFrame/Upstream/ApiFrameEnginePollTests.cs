using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Upstreams;

namespace Reelay.Tests.Providers.ApiFrame.Upstream;

public sealed class ApiFrameEnginePollTests
{
    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "a lighthouse at dusk" };

    private static async Task<(ApiFrameEngineHarness H, Reelay.Providers.ApiFrame.Upstream.ApiFrameEngine Engine, EngineContext Polling)> SubmittedAsync(
        Action<Reelay.Providers.ApiFrame.Emulator.ApiFrameEmulatorOptions>? configure = null)
    {
        var h = await ApiFrameEngineHarness.StartAsync(configure);
        var engine = h.Engine();
        var context = h.Context(Request);
        var submitted = await engine.SubmitAsync(context, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        return (h, engine, context with { Job = context.Job with { Stage = JobStage.Poll, UpstreamRef = submitted.UpstreamRef } });
    }

    [Fact]
    public async Task Poll_FollowsTimeline_PendingProcessingThenProducedWithVideoUrl()
    {
        var (h, engine, ctx) = await SubmittedAsync();
        await using var _ = h;

        var pending = await engine.PollAsync(ctx, CancellationToken.None);
        h.Clock.Advance(ApiFrameEngineHarness.Queue + ApiFrameEngineHarness.Generation / 2);
        var halfway = await engine.PollAsync(ctx, CancellationToken.None);
        h.Clock.Advance(ApiFrameEngineHarness.Generation);
        var done = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Running, pending.Kind);
        Assert.InRange(pending.Progress, 0, 5);
        Assert.Equal(EngineOutcomeKind.Running, halfway.Kind);
        Assert.InRange(halfway.Progress, 45, 55);   // APIFrame's own percentage
        Assert.InRange(halfway.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(EngineOutcomeKind.Produced, done.Kind);
        Assert.StartsWith(h.Emulator.BaseAddress.GetLeftPart(UriPartial.Authority) + "/results/", done.Result!.RemoteUrl!.ToString());
        Assert.Equal(3, h.Emulator.StatusCallsFor(ctx.Job.UpstreamRef!));
    }

    [Fact]
    public async Task Poll_FailedTask_EngineFailedFinalWithReason()
    {
        var (h, engine, ctx) = await SubmittedAsync(o => o.Faults.FailTask = 1);
        await using var _ = h;
        h.Clock.Advance(ApiFrameEngineHarness.Queue + ApiFrameEngineHarness.Generation);

        var outcome = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("internal error while rendering", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_KeyRefused_RetryableBecauseTheTaskIsPaidFor()
    {
        var (h, _, ctx) = await SubmittedAsync();
        await using var __ = h;

        var outcome = await h.Engine(o => o.ApiKey = "rotated-key").PollAsync(ctx, CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Poll_UpstreamGone_RetryableTransportFailure()
    {
        var (h, engine, ctx) = await SubmittedAsync();
        await using var _ = h;
        await h.StopEmulatorAsync();

        var outcome = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("could not be reached", outcome.ErrorMessage);
    }
}
