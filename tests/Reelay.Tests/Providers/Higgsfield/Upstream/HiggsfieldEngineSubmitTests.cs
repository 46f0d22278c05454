using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

public sealed class HiggsfieldEngineSubmitTests : IAsyncLifetime
{
    private HiggsfieldEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await HiggsfieldEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submit_TextJob_CreatesOneJobSetWithMappedParams()
    {
        var request = new VideoRequest
        {
            Model = "kling-v2-5-turbo", Prompt = "a lighthouse at dusk", NegativePrompt = "blur", DurationSeconds = 10, EnhancePrompt = true,
        };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.True(Guid.TryParse(outcome.UpstreamRef, out _));
        Assert.Equal(TimeSpan.FromSeconds(20), outcome.RetryAfter);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal("a lighthouse at dusk", received.Prompt);
        Assert.Equal("blur", received.NegativePrompt);
        Assert.Equal(10, received.DurationSeconds);
        Assert.True(received.EnhancePrompt);
        Assert.Equal("kling-v2-5-turbo", received.Model);
        Assert.Null(received.StartImage);
    }

    [Fact]
    public async Task Submit_DroppedHiggsfieldCfgScale_RelayedToUpstream()
    {
        var request = HiggsfieldEngineHarness.TextRequest() with
        {
            Extensions = new Dictionary<string, string> { [HiggsfieldRequestReader.DroppedCfgScaleExtension] = "0.7" },
        };
        await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        // The emulator reads like Reelay's dialect: Kling 2.5 refuses cfg_scale, so it is dropped and remembered again.
        Assert.Equal("0.7", Assert.Single(_h.Emulator.Received).Extension(HiggsfieldRequestReader.DroppedCfgScaleExtension));
    }

    [Fact]
    public async Task Submit_OtherModel_FinalNotServedWithoutCallingUpstream()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(new VideoRequest { Model = "kling-v1", Prompt = "p" }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("not served by this upstream", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_EndImage_FinalInvalidInput()
    {
        var end = await _h.StoreInputAsync("inputs/end.png", [1, 2, 3]);
        var outcome = await _h.Engine("https://reelay.example.com").SubmitAsync(
            _h.Context(HiggsfieldEngineHarness.TextRequest() with { EndImage = end }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_StoredImageWithoutPublicBaseUrl_FinalNamingTheSetting()
    {
        var start = await _h.StoreInputAsync("inputs/abc.png", [1, 2, 3]);
        var outcome = await _h.Engine(publicBaseUrl: null).SubmitAsync(
            _h.Context(HiggsfieldEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.False(outcome.Retryable);
        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.Contains("Reelay:PublicBaseUrl", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_StoredImageWithPublicBaseUrl_SendsSignedInputLinkThatVerifies()
    {
        var start = await _h.StoreInputAsync("inputs/abc.png", [1, 2, 3]);
        var outcome = await _h.Engine("https://reelay.example.com/").SubmitAsync(
            _h.Context(HiggsfieldEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var url = new Uri(Assert.Single(_h.Emulator.Received).StartImage!);
        Assert.Equal("reelay.example.com", url.Host);
        Assert.Equal("/v1/inputs/abc.png", url.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var key = _h.Links("https://reelay.example.com").Verify("abc.png", long.Parse(query["exp"]!), query["sig"], _h.Clock.GetUtcNow());
        Assert.Equal("inputs/abc.png", key);
    }

    [Fact]
    public async Task Submit_PromptLongerThanHiggsfieldAllows_FinalInvalidInput()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(HiggsfieldEngineHarness.TextRequest(new string('a', 1001))), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }
}
