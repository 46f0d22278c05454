using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

public sealed class LeonardoEnginePollTests
{
    private static async Task<(Engines.EngineContext Context, Reelay.Providers.Leonardo.Upstream.LeonardoEngine Engine)> SubmitAsync(LeonardoEngineHarness h)
    {
        var engine = h.Engine();
        var submitted = await engine.SubmitAsync(h.Context(LeonardoEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        return (h.Context(LeonardoEngineHarness.TextRequest(), upstreamRef: submitted.UpstreamRef), engine);
    }

    [Fact]
    public async Task Poll_PendingThenComplete_RunningThenProducedWithTheMp4Url()
    {
        await using var h = await LeonardoEngineHarness.StartAsync();
        var (context, engine) = await SubmitAsync(h);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var running = await engine.PollAsync(context, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Running, running.Kind);
        Assert.InRange(running.Progress, 1, 99);
        Assert.InRange(running.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));

        h.Clock.Advance(LeonardoEngineHarness.Queue + LeonardoEngineHarness.Generation);
        var produced = await engine.PollAsync(context, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Produced, produced.Kind);
        var url = produced.Result!.RemoteUrl!;
        Assert.Equal(h.Emulator.BaseAddress.Authority, url.Authority);
        Assert.EndsWith(".mp4", url.AbsolutePath);
        Assert.Equal(2, h.Emulator.StatusCallsFor(context.Job.UpstreamRef!));
    }

    [Fact]
    public async Task Poll_WrongToken_RetriedBecauseTheGenerationIsPaidFor()
    {
        await using var h = await LeonardoEngineHarness.StartAsync();
        var (context, _) = await SubmitAsync(h);

        var outcome = await h.Engine(apiKey: "revoked").PollAsync(context, CancellationToken.None);

        Assert.True(outcome.Retryable);
        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
    }
}
