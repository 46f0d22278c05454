using Reelay.Jobs;
using Reelay.Webhooks;

namespace Reelay.Tests.Jobs;

public sealed class VideoRequestValidatorTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.LoadDefault();
    private readonly VideoRequestValidator _validator = new(Catalog);

    private static VideoRequest Valid(string model = "local") => new() { Model = model, Prompt = "a fox", DurationSeconds = 5 };

    [Fact]
    public void Validate_MinimalTextRequest_NoErrors() => Assert.True(_validator.Validate(Valid()).IsEmpty);

    [Theory]
    [InlineData("kling-v1")]
    [InlineData("kling-v1-6")]
    [InlineData("kling-v2-master")]
    [InlineData("kling-v2-1-master")]
    [InlineData("kling-v2-5-turbo")]
    [InlineData("kling-v2-6")]
    [InlineData("KLING-V2-6")]
    public void Validate_CatalogTextModels_Accepted(string model) => Assert.True(_validator.Validate(Valid(model)).IsEmpty);

    [Fact]
    public void Validate_ImageOnlyModelWithoutImage_RequiresStartImage() =>
        Assert.True(_validator.Validate(Valid("kling-v1-5")).Has("start_image"));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-5)]
    public void Validate_LocalDurationOutOfRange_DurationError(int seconds) =>
        Assert.True(_validator.Validate(Valid() with { DurationSeconds = seconds }).Has("duration"));

    [Fact]
    public void Validate_KlingDurationSeven_DurationError() =>
        Assert.True(_validator.Validate(Valid("kling-v1") with { DurationSeconds = 7 }).Has("duration"));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Validate_CfgOutOfRange_CfgError(double cfg) =>
        Assert.True(_validator.Validate(Valid() with { CfgScale = cfg }).Has("cfg_scale"));

    [Fact]
    public void Validate_CfgOnV2Model_NotSupported()
    {
        var errors = _validator.Validate(Valid("kling-v2-6") with { CfgScale = 0.5 });
        Assert.Contains("not supported", errors.ToDictionary()["cfg_scale"][0]);
    }

    [Fact]
    public void Validate_PromptAtLimit_AcceptedAndOneOverRejected()
    {
        Assert.True(_validator.Validate(Valid() with { Prompt = new string('x', 2500) }).IsEmpty);
        Assert.True(_validator.Validate(Valid() with { Prompt = new string('x', 2501) }).Has("prompt"));
    }

    [Fact]
    public void Validate_EndImageWithoutStart_EndImageError() =>
        Assert.True(_validator.Validate(Valid() with { EndImage = "blob:inputs/x.png" }).Has("end_image"));

    [Fact]
    public void Validate_EndFrameOnTurboStd_RequiresPro()
    {
        var request = Valid("kling-v2-5-turbo") with { StartImage = "blob:a.png", EndImage = "blob:b.png" };
        Assert.True(_validator.Validate(request).Has("end_image"));
        Assert.True(_validator.Validate(request with { Mode = VideoMode.Pro }).IsEmpty);
    }

    [Fact]
    public void Validate_EndFrameOnModelWithout_Rejected() =>
        Assert.True(_validator.Validate(Valid("kling-v2-master") with { StartImage = "blob:a.png", EndImage = "blob:b.png" }).Has("end_image"));

    [Fact]
    public void Validate_ImageOnlyNoPrompt_Accepted() =>
        Assert.True(_validator.Validate(new VideoRequest { Model = "local", StartImage = "blob:a.png" }).IsEmpty);

    [Theory]
    [InlineData("simple", 0, 0, true)]
    [InlineData("simple", 5, 0, false)]
    [InlineData("simple", 5, 3, true)]
    [InlineData("simple", 11, 0, true)]
    [InlineData("forward_up", 0, 0, false)]
    public void Validate_CameraControl_SimpleNeedsExactlyOneAxis(string type, double zoom, double pan, bool invalid)
    {
        var request = Valid() with { CameraControl = new CameraControl(type, new CameraConfig(Zoom: zoom, Pan: pan)) };
        Assert.Equal(invalid, !_validator.Validate(request).IsEmpty);
    }

    [Fact]
    public void Validate_WebhookPrivateSchemeAndUnknownEvent_BothReported()
    {
        var errors = _validator.Validate(Valid() with { Webhook = new WebhookTarget("gopher://x", ["started", "boom"]) });
        Assert.True(errors.Has("webhook.url"));
        Assert.True(errors.Has("webhook.events"));
    }

    [Fact]
    public void Validate_SeedBounds_Enforced()
    {
        Assert.True(_validator.Validate(Valid() with { Seed = uint.MaxValue }).IsEmpty);
        Assert.True(_validator.Validate(Valid() with { Seed = (long)uint.MaxValue + 1 }).Has("seed"));
    }

    [Fact]
    public void Validate_UnknownModel_ListsKnownOnes()
    {
        var message = _validator.Validate(Valid("sora")).ToDictionary()["model"][0];
        Assert.Contains("kling-v2-6", message);
    }
}
