using Reelay.Engines;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

/// <summary>The documented crash-safety policy: Higgsfield cannot be asked about a lost submit, so the job is resubmitted.</summary>
public sealed class HiggsfieldEngineFindSubmittedTests
{
    [Fact]
    public async Task FindSubmitted_AfterALostSubmit_ReturnsNullSoTheJobIsSubmittedAgain()
    {
        await using var h = await HiggsfieldEngineHarness.StartAsync();
        var engine = h.Engine();
        var ctx = h.Context(HiggsfieldEngineHarness.TextRequest());
        await engine.SubmitAsync(ctx, CancellationToken.None); // its answer "lost" in a crash: the job never recorded the id

        var found = await engine.FindSubmittedAsync(ctx, CancellationToken.None);
        Assert.Null(found);
        var again = await engine.SubmitAsync(ctx, CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, again.Kind);
        Assert.Equal(2, h.Emulator.TotalCreates); // the price of the policy: the rare lost submit is paid for twice
        Assert.Equal(0, h.Emulator.TotalStatusCalls); // and the upstream was not asked (it could not answer)
    }
}
