using Reelay.Engines;
using Reelay.Providers.Leonardo.Emulator;
using Reelay.Security;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

/// <summary>
/// The upload form URL comes from the upstream, so a form on another host than the upstream's passes the SSRF guard:
/// an upstream cannot make Reelay post the job's image into a private network.
/// </summary>
public sealed class LeonardoEngineUploadDestinationTests
{
    [Fact]
    public async Task Submit_UploadFormOnLinkLocalAddress_FinalForbiddenDestinationAndNothingCreated()
    {
        await using var h = await LeonardoEngineHarness.StartAsync(o => o.PublicBaseUrl = "http://169.254.169.254");
        var (start, _) = await h.StoreImageAsync("s");

        var outcome = await h.Engine().SubmitAsync(h.Context(LeonardoEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.ForbiddenDestination, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("169.254.169.254", outcome.ErrorMessage);
        Assert.Equal(1, h.Emulator.InitImageRequests);
        Assert.Equal(0, h.Emulator.CreateRequests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Submit_UploadFormOnAnotherLoopbackHost_UploadsOnlyWhenThePolicyAllowsLoopback(bool allowLoopback)
    {
        LeonardoEmulatorOptions? options = null;
        await using var h = await LeonardoEngineHarness.StartAsync(o => options = o);
        // "localhost" is another host than the engine's 127.0.0.1 base URL, so the form goes through the guard.
        options!.PublicBaseUrl = $"http://localhost:{h.Emulator.BaseAddress.Port}";
        var (start, _) = await h.StoreImageAsync("s");

        var outcome = await h.Engine(uploadPolicy: new OutboundPolicy { AllowLoopback = allowLoopback })
            .SubmitAsync(h.Context(LeonardoEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.Equal(allowLoopback ? EngineOutcomeKind.Submitted : EngineOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(allowLoopback ? null : UpstreamErrorCodes.ForbiddenDestination, outcome.ErrorCode);
        Assert.Equal(allowLoopback ? 1 : 0, h.Emulator.TotalUploads);
        Assert.Equal(allowLoopback ? 1 : 0, h.Emulator.TotalCreates);
    }
}
