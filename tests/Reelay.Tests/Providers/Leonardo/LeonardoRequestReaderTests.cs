using System.Text.Json;
using Reelay.Jobs;
using Reelay.Providers.Leonardo;

namespace Reelay.Tests.Providers.Leonardo;

public sealed class LeonardoRequestReaderTests
{
    private static (LeonardoParsedRequest? Parsed, FieldErrors Types, FieldErrors Values) Read(string json, bool i2v = true)
    {
        using var doc = JsonDocument.Parse(json);
        FieldErrors types = new(), values = new();
        return (LeonardoRequestReader.Read(doc.RootElement, i2v, types, values), types, values);
    }

    [Fact]
    public void Read_Defaults_Motion2FiveSeconds720pStd()
    {
        var (p, _, _) = Read("""{"prompt":"p","imageId":"i","imageType":"uploaded"}""");
        Assert.NotNull(p);
        Assert.Equal(("MOTION2", "local", 5), (p.Model.Name, p.Model.CatalogModel, p.Duration));
        Assert.Equal((1280, 720, "16:9"), (p.Width, p.Height, p.AspectRatio));
        Assert.Equal(LeonardoImageRef.Uploaded, p.Image!.Type);
        Assert.Equal(VideoMode.Std, LeonardoResolution.Mode(p.ShortSide));
    }

    [Theory]
    [InlineData("VEO3", 8)]
    [InlineData("veo3fast", 8)]
    [InlineData("KLING2_5", 5)]
    [InlineData("KLING2_1", 5)]
    public void Read_ModelCaseInsensitive_ModelDefaultDuration(string model, int duration)
    {
        var (p, _, _) = Read($$"""{"prompt":"p","imageId":"i","imageType":"GENERATED","model":"{{model}}"}""");
        Assert.Equal(duration, p!.Duration);
        Assert.Equal(model.ToUpperInvariant(), p.Model.Name);
    }

    [Fact]
    public void Read_Kling25Portrait_NineBySixteenAt1080Pro()
    {
        var (p, _, _) = Read("""{"prompt":"p","imageId":"i","imageType":"UPLOADED","model":"KLING2_5","width":1080,"height":1920,"resolution":"RESOLUTION_1080"}""");
        Assert.Equal("9:16", p!.AspectRatio);
        Assert.Equal("kling-v2-5-turbo", p.Model.CatalogModel);
        Assert.Equal(VideoMode.Pro, LeonardoResolution.Mode(p.ShortSide));
    }

    [Fact]
    public void Read_UnknownFieldsAndEnhancePrompt_Ignored()
    {
        var (p, types, values) = Read("""{"prompt":"p","imageId":"i","imageType":"UPLOADED","enhancePrompt":true,"somethingElse":1}""");
        Assert.True(types.IsEmpty && values.IsEmpty);
        Assert.False(p!.PromptEnhance);
    }

    [Fact]
    public void Read_SeedAtMaximum_Accepted()
    {
        var (p, _, _) = Read("""{"prompt":"p","imageId":"i","imageType":"UPLOADED","seed":2147483637}""");
        Assert.Equal(2147483637, p!.Seed);
    }

    [Fact]
    public void Read_WrongTypeAndBadValue_TypeErrorKeptSeparately()
    {
        var (p, types, values) = Read("""{"prompt":5,"imageId":"i","imageType":"UPLOADED","model":"NOPE"}""");
        Assert.Null(p);
        Assert.True(types.Has("$.prompt"));
        Assert.True(values.Has("$.model"));
        Assert.False(values.Has("$.prompt"));
    }

    [Fact]
    public void Read_TextToVideo_ImageFieldsNotRequired()
    {
        var (p, types, values) = Read("""{"prompt":"p","model":"VEO3","duration":6}""", i2v: false);
        Assert.True(types.IsEmpty && values.IsEmpty);
        Assert.Null(p!.Image);
        Assert.Equal(6, p.Duration);
    }
}
