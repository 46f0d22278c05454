using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.ApiFrame;

namespace Reelay.Tests.Providers.ApiFrame;

public sealed class ApiFrameRequestTests
{
    private readonly ApiFrameRequestMapper _mapper = new(ModelCatalog.LoadDefault());

    [Fact]
    public void Read_NumericStrings_AreAcceptedAsNumbers()
    {
        var errors = new FieldErrors();

        var r = ApiFrameImagineReader.Read(Parse("""{"prompt":"p","generation_type":"text2video","duration":"10","cfg_scale":"0.25","extra":1}"""), errors);

        Assert.True(errors.IsEmpty, string.Join(";", errors.ToDictionary().Keys));
        Assert.Equal(10, r!.Duration);
        Assert.Equal(0.25, r.CfgScale);
    }

    [Fact]
    public void ToCanonical_SeedExample_RunsKlingV1WithWebhookAndSecret()
    {
        var r = Read("""{"prompt":"p","generation_type":"text2video","webhook_url":"https://hooks.example/x","webhook_secret":"abc123"}""");

        var v = _mapper.ToCanonical(r);

        Assert.Equal("kling-v1", v.Model);
        Assert.Equal(5, v.DurationSeconds);
        Assert.Equal("16:9", v.AspectRatio);
        Assert.Equal("https://hooks.example/x", v.Webhook!.Url);
        Assert.Empty(v.Webhook.Events);
        Assert.Equal("abc123", v.Extension(ApiFrameExtensions.WebhookSecret));
        Assert.Equal("text2video", v.Extension(ApiFrameExtensions.GenerationType));
    }

    [Theory]
    [InlineData("4:3", "local")]
    [InlineData("21:9", "local")]
    [InlineData("9:16", "kling-v1-6")]
    public void ToCanonical_AspectRatio_RunsOnLocalOnlyWhenTheKlingModelLacksIt(string ratio, string expectedModel)
    {
        var v = _mapper.ToCanonical(Read($$"""{"prompt":"p","generation_type":"text2video","model":"kling-v1-6","aspect_ratio":"{{ratio}}"}"""));

        Assert.Equal(expectedModel, v.Model);
        Assert.Equal(ratio, v.AspectRatio);
        Assert.Equal("kling-v1-6", v.Extension(ApiFrameExtensions.Model));
        Assert.Empty(new VideoRequestValidator(ModelCatalog.LoadDefault()).Validate(v).ToDictionary());
    }

    [Fact]
    public void ToCanonical_ImageToVideo_UsesFramesAndIgnoresAspectRatio()
    {
        var v = _mapper.ToCanonical(Read("""{"prompt":"p","generation_type":"image2video","image_url":"https://i/a.png","end_image_url":"https://i/b.png","aspect_ratio":"21:9","model":"kling-v1-5","mode":"pro"}"""));

        Assert.Equal("kling-v1-5", v.Model);
        Assert.Equal(VideoMode.Pro, v.Mode);
        Assert.Equal("https://i/a.png", v.StartImage);
        Assert.Equal("https://i/b.png", v.EndImage);
        Assert.Equal("16:9", v.AspectRatio);
    }

    [Fact]
    public void ToCanonical_TextToVideoWithImageUrl_IgnoresImages()
    {
        var v = _mapper.ToCanonical(Read("""{"prompt":"p","generation_type":"text2video","image_url":"https://i/a.png"}"""));

        Assert.Null(v.StartImage);
        Assert.Null(v.EndImage);
    }

    [Theory]
    [InlineData("start_image", "image_url")]
    [InlineData("end_image", "end_image_url")]
    [InlineData("webhook.url", "webhook_url")]
    [InlineData("cfg_scale", "cfg_scale")]
    public void FieldName_CanonicalField_IsApiFrameName(string canonical, string expected)
    {
        Assert.Equal(expected, ApiFrameRequestMapper.FieldName(canonical));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static Reelay.Providers.ApiFrame.Contract.ApiFrameImagineRequest Read(string json)
    {
        var errors = new FieldErrors();
        var r = ApiFrameImagineReader.Read(Parse(json), errors);
        Assert.True(errors.IsEmpty, string.Join(";", errors.ToDictionary().Keys));
        return r!;
    }
}
