using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame.Upstream;

namespace Reelay.Tests.Providers.ApiFrame.Upstream;

public sealed class ApiFrameEngineSubmitTests
{
    private static readonly VideoRequest TextRequest = new() { Model = "kling-v1-6", Prompt = "a fox in snow", DurationSeconds = 10, AspectRatio = "9:16", CfgScale = 0.4 };

    [Fact]
    public async Task Submit_TextToVideo_CreatesOneTaskAndKeepsServerGeneratedId()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();

        var outcome = await h.Engine().SubmitAsync(h.Context(TextRequest), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal(1, h.Emulator.TotalCreates);
        Assert.True(Guid.TryParse(outcome.UpstreamRef, out _), outcome.UpstreamRef);
        var sent = Assert.Single(h.Emulator.CreatedRequests);
        Assert.Equal("text2video", sent.GenerationType);
        Assert.Equal("kling-v1-6", sent.Model);
        Assert.Equal(10, sent.Duration);
        Assert.Equal("9:16", sent.AspectRatio);
        Assert.Equal(0.4, sent.CfgScale);
        Assert.Null(sent.WebhookUrl);
        Assert.Null(sent.WebhookSecret);
    }

    [Fact]
    public async Task Submit_WithPublicBaseUrl_SendsWebhookToReelayWithSecret()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();

        await h.Engine(o => o.PublicBaseUrl = "https://reelay.example.com/").SubmitAsync(h.Context(TextRequest, "job_hook"), CancellationToken.None);

        var sent = Assert.Single(h.Emulator.CreatedRequests);
        Assert.Equal("https://reelay.example.com/v1/upstream-callbacks/apiframe/job_hook", sent.WebhookUrl);
        Assert.Equal(32, sent.WebhookSecret?.Length);
    }

    [Fact]
    public async Task Submit_StoredImageWithoutPublicBaseUrl_FailsFinalWithClearMessageAndSendsNothing()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();
        var request = TextRequest with { StartImage = "blob:inputs/abc.png", AspectRatio = "16:9" };

        var outcome = await h.Engine().SubmitAsync(h.Context(request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.False(outcome.Retryable);
        Assert.Equal(ApiFrameUpstreamRequestMapper.NeedsPublicBaseUrl, outcome.ErrorMessage);
        Assert.Equal("image-to-video through apiframe needs Reelay:PublicBaseUrl", outcome.ErrorMessage);
        Assert.Equal(0, h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_StoredImagesWithPublicBaseUrl_SendsSignedInputLinkPerImage()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();
        var request = TextRequest with { StartImage = "blob:inputs/a.png", EndImage = "blob:inputs/b.png" };

        var outcome = await h.Engine(o => o.PublicBaseUrl = "https://reelay.example.com").SubmitAsync(h.Context(request, "job_img"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var sent = Assert.Single(h.Emulator.CreatedRequests);
        Assert.Equal("image2video", sent.GenerationType);
        Assert.Null(sent.AspectRatio);
        var start = new Uri(sent.ImageUrl!);
        var end = new Uri(sent.EndImageUrl!);
        Assert.Equal("/v1/inputs/a.png", start.AbsolutePath);
        Assert.Equal("/v1/inputs/b.png", end.AbsolutePath);
        var links = h.Links("https://reelay.example.com");
        var (exp, sig) = ExpAndSig(start);
        Assert.Equal("inputs/a.png", links.Verify("a.png", exp, sig, h.Clock.GetUtcNow()));
        Assert.Null(links.Verify("b.png", exp, sig, h.Clock.GetUtcNow()));
        Assert.Null(links.Verify("a.png", exp, sig, h.Clock.GetUtcNow() + TimeSpan.FromDays(2)));
    }

    [Theory]
    [InlineData("kling-v2-master", VideoMode.Std, 5)]   // not an APIFrame model
    [InlineData("kling-v1-6", VideoMode.Pro, 5)]        // pro only with kling-v1-5
    [InlineData("kling-v1", VideoMode.Std, 7)]          // 5 or 10 s only
    public async Task Submit_RequestApiFrameCannotServe_EngineUnavailableWithoutCall(string model, VideoMode mode, int seconds)
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();

        var outcome = await h.Engine().SubmitAsync(h.Context(new VideoRequest { Model = model, Prompt = "p", Mode = mode, DurationSeconds = seconds }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_ProWithKlingV15_Accepted()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();

        var outcome = await h.Engine().SubmitAsync(h.Context(new VideoRequest { Model = "kling-v1-5", Prompt = "p", Mode = VideoMode.Pro }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("pro", Assert.Single(h.Emulator.CreatedRequests).Mode);
    }

    [Fact]
    public async Task Submit_WrongKey_UpstreamAuthFinalAndKeyNotInMessage()
    {
        await using var h = await ApiFrameEngineHarness.StartAsync();

        var outcome = await h.Engine(o => o.ApiKey = "wrong-key-123").SubmitAsync(h.Context(TextRequest), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.DoesNotContain("wrong-key-123", outcome.ErrorMessage);
    }

    private static (long Exp, string Sig) ExpAndSig(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        return (long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture), query["sig"]!);
    }
}
