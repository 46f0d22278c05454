using System.Net;
using System.Text;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Api;

/// <summary>Malformed and hostile requests get a 4xx problem with field-level detail — never a 5xx.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private ReelayTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
    {
        ["Reelay:Scheduler:Enabled"] = "false",
        ["Reelay:Security:AllowLoopback"] = "false",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("{\"prompt\": \"x\",", "malformed_json")]
    [InlineData("not json at all", "malformed_json")]
    [InlineData("", "malformed_json")]
    [InlineData("[1,2,3]", "invalid_request")]
    [InlineData("{\"prompt\": \"x\", \"prompt2\": 1}", "invalid_request")]
    public async Task CreateVideo_MalformedBody_ProblemWithCode(string body, string code)
    {
        var problem = await PostRawAsync(body);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{\"prompt\": 5}", "prompt")]
    [InlineData("{\"prompt\": \"x\", \"duration\": \"5\"}", "duration")]
    [InlineData("{\"prompt\": \"x\", \"duration\": 5.5}", "duration")]
    [InlineData("{\"prompt\": \"x\", \"duration\": 99999999999999999999}", "duration")]
    [InlineData("{\"prompt\": \"x\", \"cfg_scale\": \"high\"}", "cfg_scale")]
    [InlineData("{\"prompt\": \"x\", \"seed\": -1}", "seed")]
    [InlineData("{\"prompt\": \"x\", \"enhance_prompt\": \"yes\"}", "enhance_prompt")]
    [InlineData("{\"prompt\": \"x\", \"metadata\": {\"a\": 1}}", "metadata")]
    [InlineData("{\"prompt\": \"x\", \"webhook\": {\"url\": \"ftp://example.com/x\"}}", "webhook.url")]
    [InlineData("{\"prompt\": \"x\", \"webhook\": {\"url\": \"https://example.com/x\", \"events\": [\"exploded\"]}}", "webhook.events")]
    [InlineData("{\"prompt\": \"x\", \"mode\": \"ultra\"}", "mode")]
    [InlineData("{\"prompt\": \"x\", \"model\": \"kling-v9\"}", "model")]
    [InlineData("{\"prompt\": \"x\", \"duration\": 11}", "duration")]
    [InlineData("{\"prompt\": \"x\", \"aspect_ratio\": \"2:1\"}", "aspect_ratio")]
    [InlineData("{\"prompt\": \"x\", \"cfg_scale\": 1.5}", "cfg_scale")]
    [InlineData("{\"prompt\": \"\"}", "prompt")]
    [InlineData("{}", "prompt")]
    [InlineData("{\"prompt\": \"x\", \"end_image\": \"https://example.com/a.png\"}", "end_image")]
    [InlineData("{\"prompt\": \"x\", \"model\": \"kling-v2-master\", \"cfg_scale\": 0.5}", "cfg_scale")]
    [InlineData("{\"prompt\": \"x\", \"camera_control\": {\"type\": \"simple\", \"config\": {\"zoom\": 5, \"pan\": 2}}}", "camera_control.config")]
    [InlineData("{\"prompt\": \"x\", \"camera_control\": {\"type\": \"spin\"}}", "camera_control.type")]
    [InlineData("{\"prompt\": \"x\", \"start_image\": \"!!!not base64!!!\"}", "start_image")]
    [InlineData("{\"prompt\": \"x\", \"start_image\": \"http://10.0.0.1/a.png\"}", "start_image")]
    [InlineData("{\"prompt\": \"x\", \"start_image\": \"http://169.254.169.254/latest/meta-data\"}", "start_image")]
    [InlineData("{\"prompt\": \"x\", \"start_image\": \"http://127.0.0.1:1/a.png\"}", "start_image")]
    [InlineData("{\"prompt\": \"x\", \"start_image\": \"file:///etc/passwd\"}", "start_image")]
    public async Task CreateVideo_InvalidField_422NamingTheField(string body, string field)
    {
        var problem = await PostRawAsync(body, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid_request", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for '{field}' in {problem}");
        Assert.True(messages.GetArrayLength() >= 1);
    }

    [Fact]
    public async Task CreateVideo_PromptTooLong_422()
    {
        var problem = await PostRawAsync(JsonSerializer.Serialize(new { prompt = new string('a', 2501) }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2500", problem.GetProperty("errors").GetProperty("prompt")[0].GetString());
    }

    [Theory]
    [InlineData(200, 400, "png")]   // too small
    [InlineData(1600, 320, "png")]  // aspect 5:1
    public async Task CreateVideo_BadImageDimensions_422OnStartImage(int width, int height, string format)
    {
        var image = await TestMedia.ImageAsync(width, height, format);
        var problem = await PostRawAsync(JsonSerializer.Serialize(new { prompt = "x", start_image = TestMedia.DataUri(image) }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("start_image", out _), problem.ToString());
    }

    [Fact]
    public async Task CreateVideo_NotAnImage_422OnStartImage()
    {
        var bytes = Encoding.UTF8.GetBytes("GIF89a this is not a supported image format at all, padded to be long enough ...");
        var problem = await PostRawAsync(JsonSerializer.Serialize(new { prompt = "x", start_image = Convert.ToBase64String(bytes) }), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("start_image", out _));
    }

    [Fact]
    public async Task CreateVideo_OversizedBody_413Problem()
    {
        var huge = "{\"prompt\": \"" + new string('a', 17 * 1024 * 1024) + "\"}";
        var problem = await PostRawAsync(huge, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("body_too_large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CreateVideo_DeeplyNestedJson_400NotCrash()
    {
        var nested = "{\"prompt\": \"x\", \"metadata\": " + new string('[', 5000) + new string(']', 5000) + "}";
        var problem = await PostRawAsync(nested, HttpStatusCode.BadRequest);
        Assert.Equal("malformed_json", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer nope")]
    [InlineData("Bearer rly_00000000000000000000000000000000.secret")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task AnyNativeCall_BadCredentials_401Problem(string? authorization)
    {
        using var http = _server.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AnyNativeCall_WrongSecretForRealKeyId_401()
    {
        using var http = _server.Http();
        var forged = $"rly_{_server.User.Key.Id:N}.{new string('A', 43)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + forged);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/videos?limit=0")]
    [InlineData("/v1/videos?limit=abc")]
    [InlineData("/v1/videos?status=done")]
    [InlineData("/v1/videos/does-not-exist")]
    [InlineData("/v1/videos/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/v1/videos/x/content?variant=../../master.key")]
    public async Task BadQueries_4xxNever5xx(string path)
    {
        using var http = _server.Http(_server.User);
        using var response = await http.GetAsync(path);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    private async Task<JsonElement> PostRawAsync(string body, HttpStatusCode? expected = null)
    {
        using var http = _server.Http(_server.User);
        // Expect: 100-continue lets the server refuse an oversized body before the client has sent it.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = Json.Raw(body) };
        request.Headers.ExpectContinue = true;
        using var response = await http.SendAsync(request);
        Assert.InRange((int)response.StatusCode, 400, 499);
        if (expected is not null) Assert.Equal(expected.Value, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await Json.ReadAsync(response);
    }
}
