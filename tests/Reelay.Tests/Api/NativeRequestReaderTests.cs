using System.Text.Json;
using Reelay.Api.Native;
using Reelay.Jobs;

namespace Reelay.Tests.Api;

public sealed class NativeRequestReaderTests
{
    private static (VideoRequest? Request, FieldErrors Errors) Read(string json)
    {
        var errors = new FieldErrors();
        using var doc = JsonDocument.Parse(json);
        return (NativeRequestReader.Read(doc.RootElement, errors), errors);
    }

    [Fact]
    public void Read_EveryField_MapsToCanonical()
    {
        var (r, errors) = Read("""
            {"model":"kling-v2-6","prompt":"p","negative_prompt":"n","cfg_scale":0.3,"duration":10,"aspect_ratio":"9:16","mode":"pro",
             "start_image":"https://e.com/a.png","end_image":"https://e.com/b.png","seed":42,"enhance_prompt":true,
             "camera_control":{"type":"simple","config":{"zoom":5}},"webhook":{"url":"https://e.com/h","events":["completed"]},
             "external_id":"ext-1","metadata":{"k":"v"}}
            """);
        Assert.True(errors.IsEmpty, errors.First);
        Assert.Equal("kling-v2-6", r!.Model);
        Assert.Equal(("p", "n", 0.3, 10, "9:16", VideoMode.Pro), (r.Prompt, r.NegativePrompt, r.CfgScale!.Value, r.DurationSeconds, r.AspectRatio, r.Mode));
        Assert.Equal(("https://e.com/a.png", "https://e.com/b.png", 42L, true), (r.StartImage, r.EndImage, r.Seed!.Value, r.EnhancePrompt));
        Assert.Equal(5, r.CameraControl!.Config!.Zoom);
        Assert.Equal(["completed"], r.Webhook!.Events);
        Assert.Equal("ext-1", r.ExternalId);
        Assert.Equal("v", r.Metadata!["k"]);
    }

    [Fact]
    public void Read_Defaults_LocalFiveSecondsStd()
    {
        var (r, _) = Read("""{"prompt":"p"}""");
        Assert.Equal(("local", 5, "16:9", VideoMode.Std), (r!.Model, r.DurationSeconds, r.AspectRatio, r.Mode));
    }

    [Fact]
    public void Read_SeveralWrongTypes_AllReportedAtOnce()
    {
        var (r, errors) = Read("""{"prompt":1,"duration":"5","cfg_scale":true,"seed":"x","webhook":3}""");
        Assert.Null(r);
        foreach (var field in new[] { "prompt", "duration", "cfg_scale", "seed", "webhook" }) Assert.True(errors.Has(field), field);
    }

    [Fact]
    public void Read_UnknownField_Reported()
    {
        var (_, errors) = Read("""{"prompt":"p","promt":"typo"}""");
        Assert.True(errors.Has("promt"));
    }

    [Fact]
    public void Read_WebhookAsString_UrlWithAllEvents()
    {
        var (r, errors) = Read("""{"prompt":"p","webhook":"https://e.com/h"}""");
        Assert.True(errors.IsEmpty);
        Assert.Empty(r!.Webhook!.Events);
    }
}
