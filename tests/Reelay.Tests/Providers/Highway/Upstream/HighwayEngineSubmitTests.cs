using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Highway;
using Reelay.Providers.Highway.Emulator;

namespace Reelay.Tests.Providers.Highway.Upstream;

public sealed class HighwayEngineSubmitTests : IAsyncLifetime
{
    private HighwayEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await HighwayEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submit_TextJob_CreatesT2vTaskWithMappedFields()
    {
        var request = new VideoRequest
        {
            Model = "kling-v2-5-turbo", Prompt = "a train in the rain", NegativePrompt = "blur", DurationSeconds = 10, AspectRatio = "9:16",
        };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal(TimeSpan.FromSeconds(20), outcome.RetryAfter);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal(HighwayTaskTypes.TextToVideo, received.Extension(HighwayRequestReader.TaskTypeExtension));
        Assert.Equal("a train in the rain", received.Prompt);
        Assert.Equal("blur", received.NegativePrompt);
        Assert.Equal(10, received.DurationSeconds);
        Assert.Equal("9:16", received.AspectRatio);
        Assert.Equal(VideoMode.Pro, received.Mode);
    }

    [Fact]
    public async Task Submit_StoredStartImage_CreatesI2vTaskWithRawBase64()
    {
        byte[] image = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 250];
        var start = await _h.StoreInputAsync("inputs/start.png", image);
        var outcome = await _h.Engine().SubmitAsync(_h.Context(HighwayEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Equal(HighwayTaskTypes.ImageToVideo, received.Extension(HighwayRequestReader.TaskTypeExtension));
        Assert.Equal(Convert.ToBase64String(image), received.StartImage);
    }

    [Fact]
    public async Task Submit_OtherModel_FinalNotServedWithoutCallingUpstream()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(new VideoRequest { Model = "kling-v2-6", Prompt = "p" }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("not served by this upstream", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_MissingStoredImage_FinalInvalidInput()
    {
        var outcome = await _h.Engine().SubmitAsync(
            _h.Context(HighwayEngineHarness.TextRequest() with { StartImage = "blob:inputs/gone.png" }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.Contains("no longer stored", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_Faults_ClassifiedRetryableOrFinal()
    {
        await using var broken = await HighwayEngineHarness.StartAsync(f => f.Create5xx = 1);
        var unavailable = await broken.Engine().SubmitAsync(broken.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(UpstreamErrorCodes.Unavailable, unavailable.ErrorCode);
        Assert.True(unavailable.Retryable);

        await using var limited = await HighwayEngineHarness.StartAsync(f => f.Create429 = 1);
        var rate = await limited.Engine().SubmitAsync(limited.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(UpstreamErrorCodes.Unavailable, rate.ErrorCode);
        Assert.True(rate.Retryable);
        Assert.True(rate.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Contains("TOKEN_LIMIT_EXCEEDED", rate.ErrorMessage);

        await using var poor = await HighwayEngineHarness.StartAsync(f => f.OutOfCredit = 1);
        var quota = await poor.Engine().SubmitAsync(poor.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);
        Assert.Equal(UpstreamErrorCodes.Quota, quota.ErrorCode);
        Assert.True(quota.Retryable);

        Assert.Equal(0, broken.Emulator.TotalCreates + limited.Emulator.TotalCreates + poor.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Submit_WrongKey_FinalAuthWithoutEchoingTheKey()
    {
        var outcome = await _h.Engine(apiKey: "wrong-key-value").SubmitAsync(_h.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.DoesNotContain("wrong-key-value", outcome.ErrorMessage);
        Assert.Equal(0, _h.Emulator.TotalCreates);
    }

}
