using System.Net;
using Reelay.Security;

namespace Reelay.Tests.Providers.Kling.Emulator;

public sealed class KlingEmulatorRequestTests
{
    [Theory]
    [InlineData("""{"prompt":"fox","duration":5}""", "duration")]
    [InlineData("""{"prompt":"fox","duration":"7"}""", "duration")]
    [InlineData("""{"prompt":"fox","model_name":"kling-v9"}""", "model_name")]
    [InlineData("""{"prompt":"fox","cfg_scale":1.5}""", "cfg_scale")]
    [InlineData("""{"duration":"5"}""", "prompt")]
    [InlineData("""{"prompt":"fox","mode":"turbo"}""", "mode")]
    public async Task Create_InvalidValue_Returns400With1201NamingTheField(string body, string field)
    {
        await using var h = await EmulatorHarness.StartAsync();

        var answer = await h.CreateAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(1201, answer.Code);
        Assert.Contains(field, answer.Json.GetProperty("message").GetString());
        Assert.Equal(0, h.Emulator.TotalCreates);
    }

    [Fact]
    public async Task Create_Image2VideoWithoutImage_Returns1201AndWithImageSucceeds()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var missing = await h.CreateAsync("""{"prompt":"fox"}""", "image2video");
        var ok = await h.CreateAsync("""{"model_name":"kling-v1-5","image":"https://example.com/a.png"}""", "image2video");

        Assert.Equal(1201, missing.Code);
        Assert.Contains("image", missing.Json.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, ok.Status);
    }

    [Fact]
    public async Task Create_NotJson_Returns400With1200()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var answer = await h.CreateAsync("{not json");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(1200, answer.Code);
    }

    [Fact]
    public async Task UnknownRoute_Returns404With1202()
    {
        await using var h = await EmulatorHarness.StartAsync();

        var answer = await h.GetAsync("/v1/videos/lipsync");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(1202, answer.Code);
    }

    [Fact]
    public async Task Auth_EachBadToken_Returns401WithKlingCode()
    {
        await using var h = await EmulatorHarness.StartAsync();
        var now = h.Time.GetUtcNow();
        var cases = new (string? Token, int Code)[]
        {
            (null, 1001),
            ("not-a-jwt", 1002),
            (Hs256Jwt.Create("ak-test", "wrong-secret", now, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)), 1002),
            (Hs256Jwt.Create("someone-else", "sk-test-0123456789abcdef01234567", now, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)), 1000),
            (Hs256Jwt.Create("ak-test", "sk-test-0123456789abcdef01234567", now.AddHours(-2), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)), 1004),
            (Hs256Jwt.Create("ak-test", "sk-test-0123456789abcdef01234567", now.AddMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5)), 1003),
        };
        foreach (var (token, code) in cases)
        {
            var answer = await h.SendAsync(HttpMethod.Post, "/v1/videos/text2video", """{"prompt":"fox"}""", token);
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Equal(code, answer.Code);
        }
        Assert.Equal(0, h.Emulator.CreateRequests);
        Assert.Equal(HttpStatusCode.OK, (await h.CreateAsync("""{"prompt":"fox"}""")).Status);
    }
}
