using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.IntegrationTests.Dialects.Kling;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Accounts;

/// <summary>Refusals by a key's limits, as each dialect's clients expect them: status, body shape and Retry-After.</summary>
public sealed class KeyLimitRefusalTests(KeyLimitsServerFixture fixture) : IClassFixture<KeyLimitsServerFixture>
{
    private ReelayTestServer Server => fixture.Server;

    [Theory]
    [InlineData("native")]
    [InlineData("kling")]
    [InlineData("higgsfield")]
    [InlineData("highway")]
    [InlineData("hyprlab")]
    [InlineData("leonardo")]
    [InlineData("apiframe")]
    public async Task AnyCall_OverRequestsPerMinute_429InDialectShapeWithRetryAfter(string dialect)
    {
        var key = await fixture.KeyAsync(new KeyLimits(RequestsPerMinute: 1));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var first = await http.SendAsync(Probe(dialect, key));
        using var second = await http.SendAsync(Probe(dialect, key));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        // One request per minute refills one slot every 60 s.
        Assert.Equal("60", second.Headers.GetValues("Retry-After").Single());
        var body = await Json.ReadAsync(second);
        switch (dialect)
        {
            case "native":
                Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
                Assert.Equal("rate_limited", body.GetProperty("code").GetString());
                break;
            case "kling":
                Assert.Equal(1302, body.GetProperty("code").GetInt32());
                Assert.True(body.TryGetProperty("request_id", out _));
                break;
            case "higgsfield":
                Assert.Equal(JsonValueKind.String, body.GetProperty("detail").ValueKind);
                break;
            case "highway":
                Assert.Equal((429, "TOKEN_LIMIT_EXCEEDED"), (body.GetProperty("code").GetInt32(), body.GetProperty("reason").GetString()));
                break;
            case "hyprlab":
                Assert.Equal("rate_limit_exceeded", body.GetProperty("error").GetProperty("code").GetString());
                break;
            case "leonardo":
                Assert.Equal(("rate-limited", "$"), (body.GetProperty("code").GetString(), body.GetProperty("path").GetString()));
                break;
            case "apiframe":
                Assert.Equal(JsonValueKind.String, body.GetProperty("errors")[0].GetProperty("msg").ValueKind);
                break;
        }
    }

    [Fact]
    public async Task AnyCall_OtherKeyOverItsRate_ThisKeyUnaffected()
    {
        var limited = await fixture.KeyAsync(new KeyLimits(RequestsPerMinute: 1));
        var other = await fixture.KeyAsync(new KeyLimits(RequestsPerMinute: 1));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        (await http.SendAsync(Probe("native", limited))).Dispose();
        (await http.SendAsync(Probe("native", limited))).Dispose();

        using var response = await http.SendAsync(Probe("native", other));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("native")]
    [InlineData("kling")]
    [InlineData("highway")]
    public async Task Create_AtMaxConcurrentJobs_429InDialectShapeWithRetryAfter(string dialect)
    {
        var key = await fixture.KeyAsync(new KeyLimits(MaxConcurrentJobs: 1));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var first = await http.SendAsync(Create(dialect, key, "kling-v2-5-turbo"));
        using var second = await http.SendAsync(Create(dialect, key, "kling-v2-5-turbo"));

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("5", second.Headers.GetValues("Retry-After").Single());
        var body = await Json.ReadAsync(second);
        switch (dialect)
        {
            case "native": Assert.Equal("concurrency_limit_exceeded", body.GetProperty("code").GetString()); break;
            case "kling": Assert.Equal(1303, body.GetProperty("code").GetInt32()); break;
            case "highway": Assert.Equal("TOKEN_LIMIT_EXCEEDED", body.GetProperty("reason").GetString()); break;
        }
    }

    [Fact]
    public async Task Create_AfterCancelFreesTheSlot_Accepted()
    {
        var key = await fixture.KeyAsync(new KeyLimits(MaxConcurrentJobs: 1));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var created = await Json.ReadAsync(await http.SendAsync(Create("native", key, "kling-v2-5-turbo")));
        using var cancel = new HttpRequestMessage(HttpMethod.Post, $"/v1/videos/{created.GetProperty("id").GetString()}/cancel");
        cancel.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(cancel)).StatusCode);

        using var next = await http.SendAsync(Create("native", key, "kling-v2-5-turbo"));

        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Theory]
    [InlineData("native", HttpStatusCode.Forbidden)]
    [InlineData("kling", HttpStatusCode.Forbidden)]
    [InlineData("highway", HttpStatusCode.Forbidden)]
    [InlineData("higgsfield", HttpStatusCode.Forbidden)]
    [InlineData("hyprlab", HttpStatusCode.Forbidden)]
    [InlineData("leonardo", HttpStatusCode.Forbidden)]
    [InlineData("apiframe", HttpStatusCode.Forbidden)]
    public async Task Create_ModelOutsideAllowedModels_RefusedInDialectShape(string dialect, HttpStatusCode expected)
    {
        var key = await fixture.KeyAsync(new KeyLimits(AllowedModels: ["kling-v1"]));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.SendAsync(Create(dialect, key, "kling-v2-5-turbo"));

        Assert.Equal(expected, response.StatusCode);
        var body = await Json.ReadAsync(response);
        switch (dialect)
        {
            case "native": Assert.Equal("model_not_allowed", body.GetProperty("code").GetString()); break;
            case "kling": Assert.Equal(1103, body.GetProperty("code").GetInt32()); break;
            case "highway": Assert.Equal("MODEL_NOT_ALLOWED", body.GetProperty("reason").GetString()); break;
            case "higgsfield": Assert.Equal(JsonValueKind.String, body.GetProperty("detail").ValueKind); break;
            case "hyprlab": Assert.Equal("model_not_allowed", body.GetProperty("error").GetProperty("code").GetString()); break;
            case "leonardo": Assert.Equal("permission-error", body.GetProperty("code").GetString()); break;
            case "apiframe": Assert.Equal(JsonValueKind.String, body.GetProperty("errors")[0].GetProperty("msg").ValueKind); break;
        }
    }

    [Theory]
    [InlineData("higgsfield")]
    [InlineData("hyprlab")]
    [InlineData("leonardo")]
    [InlineData("apiframe")]
    public async Task Create_AtMaxConcurrentJobsOtherDialects_429WithRetryAfter(string dialect)
    {
        var key = await fixture.KeyAsync(new KeyLimits(MaxConcurrentJobs: 1));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var first = await http.SendAsync(Create(dialect, key, "kling-v2-5-turbo"));
        using var second = await http.SendAsync(Create(dialect, key, "kling-v2-5-turbo"));

        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("5", second.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Create_AllowedModel_Created()
    {
        var key = await fixture.KeyAsync(new KeyLimits(AllowedModels: ["kling-v2-5-turbo"]));
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };

        using var response = await http.SendAsync(Create("native", key, "kling-v2-5-turbo"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>An authenticated call of <paramref name="dialect"/> that does nothing (reads an unknown id or lists).</summary>
    private static HttpRequestMessage Probe(string dialect, IssuedKey key)
    {
        var request = dialect switch
        {
            "native" => new HttpRequestMessage(HttpMethod.Get, "/v1/videos"),
            "kling" => new HttpRequestMessage(HttpMethod.Get, "/v1/videos/text2video"),
            "higgsfield" => new HttpRequestMessage(HttpMethod.Get, $"/v1/job-sets/{Guid.NewGuid()}"),
            "highway" => new HttpRequestMessage(HttpMethod.Get, "/v3/async/task-result?task_id=unknown"),
            "hyprlab" => new HttpRequestMessage(HttpMethod.Get, "/v1/video/generations/unknown"),
            "leonardo" => new HttpRequestMessage(HttpMethod.Get, "/api/rest/v1/generations/unknown"),
            "apiframe" => new HttpRequestMessage(HttpMethod.Post, "/fetch") { Content = Json.Raw("""{"task_id":"unknown"}""") },
            _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
        };
        Authorize(request, dialect, key);
        return request;
    }

    private static HttpRequestMessage Create(string dialect, IssuedKey key, string model)
    {
        var request = dialect switch
        {
            "native" => new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = Json.Body(new { model, prompt = "a red fox in snow" }) },
            "kling" => new HttpRequestMessage(HttpMethod.Post, "/v1/videos/text2video") { Content = Json.Body(new { model_name = model, prompt = "a red fox in snow" }) },
            // Highway's path names the model (kling-2.5-turbo); t2v needs only a prompt.
            "highway" => new HttpRequestMessage(HttpMethod.Post, "/v3/async/kling-2.5-turbo-t2v") { Content = Json.Body(new { prompt = "a red fox in snow" }) },
            "higgsfield" => new HttpRequestMessage(HttpMethod.Post, "/generate/kling-2-5") { Content = Json.Body(new { @params = new { prompt = "a red fox in snow", model } }) },
            "hyprlab" => new HttpRequestMessage(HttpMethod.Post, "/v1/video/generations") { Content = Json.Body(new { model = "kling-v2", prompt = "a red fox in snow" }) },
            "leonardo" => new HttpRequestMessage(HttpMethod.Post, "/api/rest/v1/generations-text-to-video") { Content = Json.Body(new { prompt = "a red fox in snow", model = "KLING2_5", height = 1080, width = 1920 }) },
            "apiframe" => new HttpRequestMessage(HttpMethod.Post, "/kling-imagine") { Content = Json.Body(new { prompt = "a red fox in snow", generation_type = "text2video", model = "kling-v1-6" }) },
            _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
        };
        Authorize(request, dialect, key);
        return request;
    }

    private static void Authorize(HttpRequestMessage request, string dialect, IssuedKey key)
    {
        switch (dialect)
        {
            case "kling":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", KlingTokens.For(key));
                break;
            case "higgsfield":
                request.Headers.Add("hf-api-key", key.Key.Id.ToString("D"));
                request.Headers.Add("hf-secret", key.Secret);
                break;
            case "apiframe":
                request.Headers.TryAddWithoutValidation("Authorization", key.Token);
                break;
            default:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
                break;
        }
    }
}
