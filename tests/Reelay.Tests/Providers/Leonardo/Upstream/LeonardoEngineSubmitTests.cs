using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Leonardo;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

public sealed class LeonardoEngineSubmitTests : IAsyncLifetime
{
    private LeonardoEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await LeonardoEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submit_TextJobKling25Pro_CreatesOneTextGenerationWithFixedSizeAnd1080()
    {
        var request = LeonardoEngineHarness.TextRequest() with
        {
            Mode = VideoMode.Pro, AspectRatio = "9:16", NegativePrompt = "blur", Seed = 77, EnhancePrompt = true, DurationSeconds = 10,
        };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.True(Guid.TryParse(outcome.UpstreamRef, out _));
        Assert.Equal(TimeSpan.FromSeconds(20), outcome.RetryAfter);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal("KLING2_5", received.Model.Name);
        Assert.Equal("RESOLUTION_1080", received.Resolution);
        Assert.Equal((1080, 1920), (received.Width, received.Height));
        Assert.Equal(10, received.Duration);
        Assert.Equal(77, received.Seed);
        Assert.Equal("blur", received.NegativePrompt);
        Assert.True(received.PromptEnhance);
        Assert.Null(received.Image);
        Assert.Equal(0, _h.Emulator.InitImageRequests);
    }

    [Fact]
    public async Task Submit_ImageJobKling21WithEndFrame_UploadsBothImagesThenCreatesOnce()
    {
        var (start, startBytes) = await _h.StoreImageAsync("start");
        var (end, endBytes) = await _h.StoreImageAsync("end", 480, 480);
        var request = LeonardoEngineHarness.TextRequest("kling-v2-1") with { StartImage = start, EndImage = end };

        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal(2, _h.Emulator.InitImageRequests);
        Assert.Equal(2, _h.Emulator.TotalUploads);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal("KLING2_1", received.Model.Name);
        Assert.Equal(LeonardoImageRef.Uploaded, received.Image!.Type);
        Assert.Equal(startBytes, _h.Emulator.UploadedImage(received.Image.Id));
        Assert.Equal(LeonardoImageRef.Uploaded, received.EndFrame!.Type);
        Assert.Equal(endBytes, _h.Emulator.UploadedImage(received.EndFrame.Id));
    }

    [Fact]
    public async Task Submit_EndFrameOnKling25_FinalEngineUnavailableWithoutCallingUpstream()
    {
        var (start, _) = await _h.StoreImageAsync("s");
        var (end, _) = await _h.StoreImageAsync("e");
        var outcome = await _h.Engine().SubmitAsync(_h.Context(LeonardoEngineHarness.TextRequest() with { StartImage = start, EndImage = end }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, _h.Emulator.InitImageRequests + _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_UnservedModel_FinalNotServed()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(LeonardoEngineHarness.TextRequest("kling-v1")), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.Contains("not served by this upstream", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_LeonardoMotion2JobOnLocal_KeepsTheLeonardoModel()
    {
        var request = LeonardoEngineHarness.TextRequest("local") with
        {
            Extensions = new Dictionary<string, string> { [LeonardoExtensions.Model] = "MOTION2", [LeonardoExtensions.Resolution] = "RESOLUTION_480" },
        };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal("MOTION2", received.Model.Name);
        Assert.Equal("RESOLUTION_480", received.Resolution);
        Assert.Equal((854, 480), (received.Width, received.Height));
    }

    [Fact]
    public async Task Submit_ImageNotStored_FinalInvalidInput()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(LeonardoEngineHarness.TextRequest() with { StartImage = "blob:inputs/missing.png" }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, _h.Emulator.InitImageRequests);
    }
}
