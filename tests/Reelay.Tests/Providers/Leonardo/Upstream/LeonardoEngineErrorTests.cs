using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Tests.Providers.Leonardo.Upstream;

public sealed class LeonardoEngineErrorTests
{
    [Fact]
    public async Task Submit_WrongToken_FinalUpstreamAuthWithoutTheToken()
    {
        await using var h = await LeonardoEngineHarness.StartAsync();
        var outcome = await h.Engine(apiKey: "wrong-token-123").SubmitAsync(h.Context(LeonardoEngineHarness.TextRequest()), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("invalid-jwt", outcome.ErrorMessage);
        Assert.DoesNotContain("wrong-token-123", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_InitImageFails_RetryableAndNoGenerationCreated()
    {
        await using var h = await LeonardoEngineHarness.StartAsync(o => o.InitImage5xx = 1);
        var (start, _) = await h.StoreImageAsync("s");
        var outcome = await h.Engine().SubmitAsync(h.Context(LeonardoEngineHarness.TextRequest() with { StartImage = start }), CancellationToken.None);

        Assert.True(outcome.Retryable);
        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.Equal(0, h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_RejectedByValidation_FinalInvalidInput()
    {
        await using var h = await LeonardoEngineHarness.StartAsync();
        // 4096×… passes the mapper (the caller's own size is kept) but not Leonardo's own size rules.
        var request = LeonardoEngineHarness.TextRequest("local") with
        {
            Extensions = new Dictionary<string, string> { ["leonardo.model"] = "MOTION2", ["leonardo.width"] = "9000", ["leonardo.height"] = "5000" },
        };
        var outcome = await h.Engine().SubmitAsync(h.Context(request), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("validation-failed", outcome.ErrorMessage);
    }
}
