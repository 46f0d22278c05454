using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reelay.IntegrationTests.Support;
using Reelay.Providers.Leonardo;
using static Reelay.IntegrationTests.Dialects.Leonardo.LeonardoServerFixture;

namespace Reelay.IntegrationTests.Dialects.Leonardo;

/// <summary>Every refusal in Leonardo's Hasura-style shape <c>{error, path, code}</c> with the right HTTP status; never a 5xx.</summary>
public sealed class LeonardoErrorTests(LeonardoServerFixture fx) : IClassFixture<LeonardoServerFixture>
{
    private static void AssertError(int status, JsonElement body, int expectedStatus, string code, string path)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal(3, body.EnumerateObject().Count());
        Assert.Equal(JsonValueKind.String, body.GetProperty("error").ValueKind);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal(path, body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Create_MissingAuthorization_401AccessDenied()
    {
        using var http = fx.Http(null);
        var (status, body) = await PostAsync(http, $"{Base}/generations-text-to-video", """{"prompt":"x"}""");
        AssertError(status, body, 401, "access-denied", "$");
    }

    [Fact]
    public async Task Poll_BadSecret_401InvalidJwt()
    {
        using var http = fx.Http(null);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fx.Server.User.Token + "x");
        using var response = await http.GetAsync($"{Base}/generations/{Guid.NewGuid()}");
        AssertError((int)response.StatusCode, await Json.ReadAsync(response), 401, "invalid-jwt", "$");
    }

    [Theory]
    [InlineData("""{"imageId":"x","imageType":"UPLOADED"}""", "validation-failed", "$.prompt")]
    [InlineData("""{"prompt":"p","imageType":"UPLOADED"}""", "validation-failed", "$.imageId")]
    [InlineData("""{"prompt":"p","imageId":"x"}""", "validation-failed", "$.imageType")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"PNG"}""", "validation-failed", "$.imageType")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","resolution":"RESOLUTION_4K"}""", "validation-failed", "$.resolution")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","model":"SORA"}""", "validation-failed", "$.model")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","seed":2147483638}""", "validation-failed", "$.seed")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","seed":"42"}""", "parse-failed", "$.seed")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","promptEnhance":"yes"}""", "parse-failed", "$.promptEnhance")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","model":"VEO3","duration":5}""", "validation-failed", "$.duration")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","model":"KLING2_5","width":1000,"height":1000}""", "validation-failed", "$.width")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","model":"VEO3","elements":[{"akUUID":"3f2a1c7e-0000-4000-8000-000000000001","weight":0.5}]}""", "validation-failed", "$.elements")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","styleIds":["not-a-uuid"]}""", "validation-failed", "$.styleIds")]
    [InlineData("""{"prompt":"p","imageId":"x","imageType":"UPLOADED","endFrameImage":{"id":"y","type":"UPLOADED"}}""", "validation-failed", "$.endFrameImage")]
    [InlineData("""{"prompt":"p","imageId":"3f2a1c7e-0000-4000-8000-000000000001","imageType":"UPLOADED"}""", "validation-failed", "$.imageId")]
    [InlineData("""{"prompt":"p",""", "parse-failed", "$")]
    [InlineData("""["prompt"]""", "parse-failed", "$")]
    public async Task ImageToVideo_InvalidField_400InLeonardoShape(string json, string code, string path)
    {
        using var http = fx.Http(fx.Server.User);
        var (status, body) = await PostAsync(http, $"{Base}/generations-image-to-video", json);
        AssertError(status, body, 400, code, path);
    }

    [Theory]
    [InlineData("""{"prompt":"p","model":"KLING2_1"}""", "$.model")]
    [InlineData("""{"prompt":"","model":"MOTION2"}""", "$.prompt")]
    [InlineData("""{"prompt":"p","width":1280}""", "$.height")]
    public async Task TextToVideo_InvalidCombination_400ValidationFailed(string json, string path)
    {
        using var http = fx.Http(fx.Server.User);
        var (status, body) = await PostAsync(http, $"{Base}/generations-text-to-video", json);
        AssertError(status, body, 400, "validation-failed", path);
    }

    [Fact]
    public async Task ImageToVideo_UploadAnnouncedButNotSent_400()
    {
        using var http = fx.Http(fx.Server.User);
        var (_, init) = await PostAsync(http, $"{Base}/init-image", """{"extension":"png"}""");
        var id = init.GetProperty("uploadInitImage").GetProperty("id").GetString();
        var (status, body) = await PostAsync(http, $"{Base}/generations-image-to-video", $$"""{"prompt":"p","imageId":"{{id}}","imageType":"UPLOADED"}""");
        AssertError(status, body, 400, "validation-failed", "$.imageId");
    }

    [Fact]
    public async Task ImageToVideo_UploadOfAnotherKey_400()
    {
        using var admin = fx.Http(fx.Server.Admin);
        var (id, uploaded, _) = await UploadAsync(admin, await TestMedia.ImageAsync(400, 400));
        Assert.Equal(204, uploaded);
        using var http = fx.Http(fx.Server.User);
        var (status, body) = await PostAsync(http, $"{Base}/generations-image-to-video", $$"""{"prompt":"p","imageId":"{{id}}","imageType":"UPLOADED"}""");
        AssertError(status, body, 400, "validation-failed", "$.imageId");
    }

    [Fact]
    public async Task Upload_TamperedSignature_403AndIdStaysUnusable()
    {
        using var http = fx.Http(fx.Server.User);
        var (id, status, _) = await UploadAsync(http, await TestMedia.ImageAsync(400, 400),
            tamper: f => { f[LeonardoUploadPolicy.ExpiresField] = (long.Parse(f[LeonardoUploadPolicy.ExpiresField]) + 3600).ToString(); return f; });
        Assert.Equal(403, status);
        var (s, body) = await PostAsync(http, $"{Base}/generations-image-to-video", $$"""{"prompt":"p","imageId":"{{id}}","imageType":"UPLOADED"}""");
        AssertError(s, body, 400, "validation-failed", "$.imageId");
    }

    [Fact]
    public async Task Upload_ExpiredButCorrectlySignedFields_403()
    {
        var policy = fx.Server.Services.GetRequiredService<LeonardoUploadPolicy>();
        using var http = fx.Http(fx.Server.User);
        var (_, status, _) = await UploadAsync(http, await TestMedia.ImageAsync(400, 400),
            tamper: f =>
            {
                var id = f[LeonardoUploadPolicy.KeyField].Split('/')[1].Split('.')[0];
                return policy.Fields(id, "png", DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5));
            });
        Assert.Equal(403, status);
    }

    [Fact]
    public async Task Upload_NotAnImage_400OnFile()
    {
        using var http = fx.Http(fx.Server.User);
        var (_, init) = await PostAsync(http, $"{Base}/init-image", """{"extension":"png"}""");
        var upload = init.GetProperty("uploadInitImage");
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(upload.GetProperty("fields").GetString()!)!;
        using var form = new MultipartFormDataContent();
        foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
        form.Add(new ByteArrayContent("this is not a picture"u8.ToArray()), "file", "x.png");
        using var anonymous = new HttpClient();
        using var response = await anonymous.PostAsync(upload.GetProperty("url").GetString(), form);
        AssertError((int)response.StatusCode, await Json.ReadAsync(response), 400, "validation-failed", "$.file");
    }

    [Theory]
    [InlineData("""{"extension":"gif"}""", "validation-failed", "$.extension")]
    [InlineData("""{}""", "validation-failed", "$.extension")]
    [InlineData("""{"extension":1}""", "parse-failed", "$.extension")]
    public async Task InitImage_BadExtension_400(string json, string code, string path)
    {
        using var http = fx.Http(fx.Server.User);
        var (status, body) = await PostAsync(http, $"{Base}/init-image", json);
        AssertError(status, body, 400, code, path);
    }
}
