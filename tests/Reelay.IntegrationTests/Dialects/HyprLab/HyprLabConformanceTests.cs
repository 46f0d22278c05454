using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.HyprLab;

/// <summary>HyprLab dialect over real HTTP (docs/dialects.md §4, seed 002).</summary>
public sealed class HyprLabConformanceTests(DialectServerFixture fixture) : IClassFixture<DialectServerFixture>
{
    private const string Generations = "/v1/video/generations";
    private ReelayTestServer Server => fixture.Server;

    [Fact]
    public async Task Create_SeedCurlBodyWithTrailingComma_PollingUrlLeadsToVideo()
    {
        await using var image = await ImageServer.StartAsync();
        using var http = Server.Http(Server.User);
        // The seed page's curl body verbatim (trailing comma included); only the image host points at a local server.
        var body = """
            {
                "model": "kling-v2",
                "prompt": "A cute cat playing outside.",
                "start_image": "https://site.com/path/of/image.png",
                "duration": 5,
                "cfg_scale": 0.5,
                "aspect_ratio": "16:9",
                "negative_prompt": "..to not include specific elements.",
              }
            """.Replace("https://site.com/path/of/image.png", image.Url.ToString());
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var response = await http.PostAsync(Generations, Json.Raw(body));
        var created = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        WireAssert.Keys(created, "created", "id", "data");
        Assert.InRange(created.GetProperty("created").GetInt64(), before - 1, before + 60);
        var id = created.GetProperty("id").GetString()!;
        var polling = Assert.Single(created.GetProperty("data").EnumerateArray());
        WireAssert.Keys(polling, "url");
        var pollingUrl = polling.GetProperty("url").GetString()!;
        Assert.Equal(new Uri(Server.BaseAddress, $"{Generations}/{id}").ToString(), pollingUrl);

        var seen = new List<string>();
        var done = await Eventually.ReturnsAsync(async () =>
        {
            var s = await Json.GetAsync(http, pollingUrl);
            var status = s.GetProperty("status").GetString()!;
            seen.Add(status);
            if (status is "pending" or "processing") WireAssert.Keys(s, "id", "status", "created");
            return s;
        }, s => s.GetProperty("status").GetString() is "succeeded" or "failed", TimeSpan.FromSeconds(60), "HyprLab generation finished");
        WireAssert.InOrder(seen, "pending", "processing", "succeeded");
        WireAssert.Keys(done, "id", "status", "created", "data");
        Assert.Equal(id, done.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("created").GetInt64(), done.GetProperty("created").GetInt64());
        var video = Assert.Single(done.GetProperty("data").EnumerateArray());
        WireAssert.Keys(video, "url");
        await WireAssert.DownloadableAsync(Server.BaseAddress, video.GetProperty("url").GetString()!, "video/mp4");

        // One store: the native API shows the same job; kling-v2 is the catalog's kling-v2-master.
        var native = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal(id, native.GetProperty("id").GetString());
        Assert.Equal("kling-v2-master", native.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, native.GetProperty("cfg_scale").ValueKind);
    }

    [Fact]
    public async Task Create_CompatPrefix_PollingUrlKeepsPrefix()
    {
        using var http = Server.Http(Server.User);
        var created = await Json.PostAsync(http, "/compat/hyprlab" + Generations,
            new { model = "kling-v1.6-pro", prompt = "A paper boat on a pond", aspect_ratio = "1:1", cfg_scale = 0.3 });
        var id = created.GetProperty("id").GetString()!;
        var pollingUrl = created.GetProperty("data")[0].GetProperty("url").GetString()!;
        Assert.Equal(new Uri(Server.BaseAddress, $"/compat/hyprlab{Generations}/{id}").ToString(), pollingUrl);
        var status = await Json.GetAsync(http, pollingUrl);
        Assert.Equal(id, status.GetProperty("id").GetString());
        var native = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal("kling-v1-6", native.GetProperty("model").GetString());
        Assert.Equal("pro", native.GetProperty("mode").GetString());
        Assert.Equal("1:1", native.GetProperty("aspect_ratio").GetString());
        Assert.Equal(0.3, native.GetProperty("cfg_scale").GetDouble());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer rly_00000000000000000000000000000000.nope")]
    [InlineData("sk-hyprlab-123")]
    public async Task Create_BadAuth_401InvalidApiKey(string? authorization)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        if (authorization is not null) http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.PostAsync(Generations, Json.Body(new { model = "kling-v2", prompt = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertError(await Json.ReadAsync(response), null, "invalid_api_key");
        using var poll = await http.GetAsync($"{Generations}/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);
    }

    [Fact]
    public async Task Create_WrongSecretForRealKey_401()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer rly_{Server.User.Key.Id:N}.{Server.Admin.Secret}");
        using var response = await http.PostAsync(Generations, Json.Body(new { model = "kling-v2", prompt = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"prompt":"p"}""", "model")]
    [InlineData("""{"model":"kling-v9","prompt":"p"}""", "model")]
    [InlineData("""{"model":"kling-v2"}""", "prompt")]
    [InlineData("""{"model":"kling-v2","prompt":""}""", "prompt")]
    [InlineData("""{"model":"kling-v2","prompt":["p"]}""", "prompt")]
    [InlineData("""{"model":"kling-v2","prompt":"p","duration":7}""", "duration")]
    [InlineData("""{"model":"kling-v2","prompt":"p","duration":"5"}""", "duration")]
    [InlineData("""{"model":"kling-v1.6-standard","prompt":"p","cfg_scale":2}""", "cfg_scale")]
    [InlineData("""{"model":"kling-v2","prompt":"p","aspect_ratio":"4:3"}""", "aspect_ratio")]
    [InlineData("""{"model":"kling-v2","prompt":"p","negative_prompt":false}""", "negative_prompt")]
    [InlineData("""{"model":"kling-v2","prompt":"p","start_image":"ftp://x/a.png"}""", "start_image")]
    [InlineData("""{"model":"kling-v2","prompt":"p","start_image":"aGVsbG8="}""", "start_image")]
    [InlineData("""{"model":"kling-v2","prompt":"p","end_image":"aGVsbG8="}""", "end_image")]
    [InlineData("""{"model":"kling-v2.1-pro","prompt":"p"}""", "start_image")] // Kling 2.1 is image-to-video only
    public async Task Create_InvalidField_400NamingTheParam(string json, string param)
    {
        using var http = Server.Http(Server.User);
        using var response = await http.PostAsync(Generations, Json.Raw(json));
        var body = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(body, param, param);
    }

    [Theory]
    [InlineData("""{"model":"kling-v2","prompt":""")]
    [InlineData("""not json""")]
    [InlineData("""[1,2]""")]
    public async Task Create_MalformedBody_400InvalidRequest(string json)
    {
        using var http = Server.Http(Server.User);
        using var response = await http.PostAsync(Generations, Json.Raw(json));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Json.ReadAsync(response)).GetProperty("error");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Create_BareBase64StartAndEndImage_Accepted()
    {
        var start = Convert.ToBase64String(await TestMedia.ImageAsync(640, 360));
        var end = TestMedia.DataUri(await TestMedia.ImageAsync(640, 360, frame: 1));
        using var http = Server.Http(Server.User);
        var created = await Json.PostAsync(http, Generations, new { model = "kling-v2.1-pro", prompt = "morph", start_image = start, end_image = end });
        var native = await Json.GetAsync(http, $"/v1/videos/{created.GetProperty("id").GetString()}");
        Assert.Equal("kling-v2-1", native.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Poll_UnknownOrForeignId_404()
    {
        using var http = Server.Http(Server.User);
        using var unknown = await http.GetAsync($"{Generations}/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertError(await Json.ReadAsync(unknown), null, "not_found");

        var other = await Server.CreateKeyAsync("other-hyprlab");
        using var otherHttp = Server.Http(other);
        var url = (await Json.PostAsync(otherHttp, Generations, new { model = "kling-v2", prompt = "mine" })).GetProperty("data")[0].GetProperty("url").GetString()!;
        using var foreign = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    private static void AssertError(JsonElement body, string? param, string code)
    {
        WireAssert.Keys(body, "error");
        var error = body.GetProperty("error");
        WireAssert.Keys(error, "message", "type", "param", "code");
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Equal(param, error.GetProperty("param").ValueKind == JsonValueKind.Null ? null : error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
    }
}
