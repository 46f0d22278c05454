using Reelay.Engines;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

/// <summary>The documented crash policy: Leonardo cannot be asked about a lost submit, so the job is submitted again.</summary>
public sealed class LeonardoEngineFindSubmittedTests
{
    [Fact]
    public async Task FindSubmitted_AfterALostSubmit_NotFoundSoTheJobIsSubmittedAgain()
    {
        await using var h = await LeonardoEngineHarness.StartAsync();
        var engine = h.Engine();
        var context = h.Context(LeonardoEngineHarness.TextRequest());
        await engine.SubmitAsync(context, CancellationToken.None); // its answer "lost in a crash"

        var found = await engine.FindSubmittedAsync(context, CancellationToken.None);
        Assert.Null(found);
        Assert.Equal(0, h.Emulator.TotalPolls);

        var again = await engine.SubmitAsync(context, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, again.Kind);
        Assert.Equal(2, h.Emulator.TotalCreates); // the policy's price: the rare crash window pays twice
    }
}
