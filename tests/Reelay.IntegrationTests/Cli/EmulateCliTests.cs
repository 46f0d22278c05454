using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Cli;

/// <summary><c>reelay emulate &lt;provider&gt;</c> for every emulator in the list: it listens, says how to authenticate, and SIGTERM stops it with exit 0.</summary>
public sealed class EmulateCliTests
{
    [Theory]
    [InlineData("kling", "access key: ")]
    [InlineData("higgsfield", "hf-secret: ")]
    [InlineData("highway", "api key (Bearer): ")]
    [InlineData("apiframe", "api key: ")]
    [InlineData("hyprlab", "api key: ")]
    [InlineData("leonardo", "api key (Bearer): ")]
    public async Task Emulate_Provider_ListensPrintsCredentialsAndStopsOnSigterm(string provider, string credentialLine)
    {
        var port = LoopbackPorts.Free();
        await using var emulator = await ReelayProcess.StartEmulatorAsync(provider, port, "--time-compression", "100");
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.Output), o => o.Contains("Press Ctrl+C to stop."), TimeSpan.FromSeconds(30), "the start-up lines");

        Assert.Contains($"emulator listening on http://127.0.0.1:{port}/", emulator.Output);
        Assert.Contains(credentialLine, emulator.Output);
        Assert.Equal(0, await emulator.TerminateAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task Emulate_NoAuth_SaysAuthenticationIsOff()
    {
        var port = LoopbackPorts.Free();
        await using var emulator = await ReelayProcess.StartEmulatorAsync("highway", port, "--no-auth");
        await Eventually.ReturnsAsync(() => Task.FromResult(emulator.Output), o => o.Contains("Press Ctrl+C to stop."), TimeSpan.FromSeconds(30), "the start-up lines");

        Assert.Contains("authentication: off", emulator.Output);
        Assert.DoesNotContain("api key", emulator.Output);
        Assert.Equal(0, await emulator.TerminateAsync(TimeSpan.FromSeconds(20)));
    }
}
