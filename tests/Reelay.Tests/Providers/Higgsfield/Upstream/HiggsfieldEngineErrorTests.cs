using Reelay.Emulation;
using Reelay.Engines;
using Reelay.Providers.Higgsfield.Emulator;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

public sealed class HiggsfieldEngineErrorTests
{
    private static async Task<EngineOutcome> SubmitAgainstAsync(Action<EmulatorFaults> faults, string? secret = null)
    {
        await using var h = await HiggsfieldEngineHarness.StartAsync(faults);
        var outcome = await h.Engine(secret: secret).SubmitAsync(h.Context(HiggsfieldEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(0, h.Emulator.TotalCreates);
        return outcome;
    }

    [Fact]
    public async Task Submit_Upstream5xx_RetryableUnavailable()
    {
        var outcome = await SubmitAgainstAsync(f => f.Create5xx = 1);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("hf-test", outcome.ErrorMessage);
        Assert.Matches("HTTP 50[03]", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_WrongSecret_FinalAuthWithoutEchoingTheSecret()
    {
        var outcome = await SubmitAgainstAsync(_ => { }, secret: "wrong-secret-value");

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.DoesNotContain("wrong-secret-value", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_UpstreamUnreachable_RetryableUnavailable()
    {
        await using var h = await HiggsfieldEngineHarness.StartAsync();
        var engine = h.Engine();
        await h.Emulator.DisposeAsync();

        var outcome = await engine.SubmitAsync(h.Context(HiggsfieldEngineHarness.TextRequest()), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("could not be reached", outcome.ErrorMessage);
    }
}
