using System.Globalization;
using System.Net;
using System.Text.Json;
using Reelay.Client;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Higgsfield;

/// <summary>Higgsfield dialect over real HTTP (docs/dialects.md §2, seed 000).</summary>
public sealed class HiggsfieldConformanceTests(DialectServerFixture fixture) : IClassFixture<DialectServerFixture>
{
    private const string Generate = "/generate/kling-2-5";
    private ReelayTestServer Server => fixture.Server;

    // The seed page's undici example, body byte for byte (JSON.stringify output).
    private const string SeedBody =
        """{"params":{"model":"kling-v2-5-turbo","prompt":"A peaceful mountain landscape with flowing river","duration":5,"enhance_prompt":true}}""";

    [Fact]
    public async Task Generate_SeedExample_JobSetShapeThenCompletesWithDownloadableResults()
    {
        using var http = HiggsfieldClient.For(Server, Server.User);
        using var response = await http.PostAsync(Generate, Json.Raw(SeedBody));
        var created = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertJobSet(created);
        var id = created.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        var job = created.GetProperty("jobs")[0];
        Assert.Equal(id, job.GetProperty("id").GetString());
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "in_progress" });
        Assert.Equal(JsonValueKind.Null, job.GetProperty("results").ValueKind);
        var createdAt = DateTimeOffset.Parse(created.GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow - createdAt, TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(1));

        var seen = new List<string>();
        var done = await Eventually.ReturnsAsync(async () =>
        {
            var set = await Json.GetAsync(http, $"/v1/job-sets/{id}");
            seen.Add(set.GetProperty("jobs")[0].GetProperty("status").GetString()!);
            return set;
        }, s => s.GetProperty("jobs")[0].GetProperty("status").GetString() is "completed" or "failed", TimeSpan.FromSeconds(60), "job set completed");
        WireAssert.InOrder(seen, "queued", "in_progress", "completed");
        AssertJobSet(done);
        Assert.Equal(id, done.GetProperty("id").GetString());
        Assert.Equal(created.GetProperty("created_at").GetString(), done.GetProperty("created_at").GetString());
        var finished = done.GetProperty("jobs")[0];
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        var results = finished.GetProperty("results");
        WireAssert.Keys(results, "min", "raw");
        foreach (var variant in new[] { "min", "raw" })
        {
            WireAssert.Keys(results.GetProperty(variant), "type", "url");
            Assert.Equal("video", results.GetProperty(variant).GetProperty("type").GetString());
            await WireAssert.DownloadableAsync(Server.BaseAddress, results.GetProperty(variant).GetProperty("url").GetString()!, "video/mp4");
        }
        Assert.NotEqual(results.GetProperty("min").GetProperty("url").GetString(), results.GetProperty("raw").GetProperty("url").GetString());

        // One store: the native API shows the same job to the same key.
        using var native = Server.Http(Server.User);
        var video = await Json.GetAsync(native, $"/v1/videos/{id}");
        Assert.Equal(id, video.GetProperty("id").GetString());
        Assert.Equal("kling-v2-5-turbo", video.GetProperty("model").GetString());
        Assert.Equal(5, video.GetProperty("duration").GetInt32());
    }

    [Fact]
    public async Task Generate_InputImageAndWebhook_TerminalJobSetPostedWithSecretAndSignature()
    {
        await using var sink = await WebhookSink.StartAsync();
        await using var image = await ImageServer.StartAsync();
        using var http = HiggsfieldClient.For(Server, Server.User);
        var body = new
        {
            @params = new
            {
                prompt = "Slow push in over the test card",
                duration = 5,
                cfg_scale = 0.7, // dropped for Kling 2.5 (Higgsfield accepts it)
                negative_prompt = "blur",
                input_image = new { type = "image_url", image_url = image.Url.ToString() },
            },
            webhook = new { url = sink.Url.ToString(), secret = "hf-hook-secret" },
        };
        var created = await Json.PostAsync(http, "/compat/higgsfield/generate/kling-2-5", body);
        var id = created.GetProperty("id").GetString()!;

        var received = await Eventually.ReturnsAsync(() => Task.FromResult(sink.Requests.ToArray()), r => r.Length >= 1,
            TimeSpan.FromSeconds(60), "Higgsfield webhook");
        var hook = Assert.Single(received);
        Assert.Equal("hf-hook-secret", hook.Headers["x-webhook-secret"]);
        Assert.Equal(WebhookVerificationResult.Valid, new WebhookVerifier(Server.User.WebhookSecret)
            .Verify(hook.Headers["webhook-id"], hook.Headers["webhook-timestamp"], hook.Headers["webhook-signature"], hook.Body));
        var payload = JsonDocument.Parse(hook.Body).RootElement;
        AssertJobSet(payload);
        Assert.Equal(id, payload.GetProperty("id").GetString());
        Assert.Equal("completed", payload.GetProperty("jobs")[0].GetProperty("status").GetString());
        await WireAssert.DownloadableAsync(Server.BaseAddress,
            payload.GetProperty("jobs")[0].GetProperty("results").GetProperty("raw").GetProperty("url").GetString()!, "video/mp4");
    }

    [Fact]
    public async Task Generate_MissingHeaders_401Detail()
    {
        using var http = HiggsfieldClient.For(Server, null);
        using var response = await http.PostAsync(Generate, Json.Raw(SeedBody));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await Json.ReadAsync(response);
        WireAssert.Keys(body, "detail");
        WireAssert.Kind(JsonValueKind.String, body, "detail");
    }

    [Theory]
    [InlineData("wrong-secret", true)]
    [InlineData("", true)]
    [InlineData("secret", false)] // key id not a UUID
    public async Task Generate_BadCredentials_401Detail(string secret, bool uuidKey)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Add("hf-api-key", uuidKey ? Server.User.Key.Id.ToString() : "not-a-uuid");
        http.DefaultRequestHeaders.Add("hf-secret", secret.Length == 0 ? Server.Admin.Secret : secret);
        using var response = await http.PostAsync(Generate, Json.Raw(SeedBody));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        WireAssert.Keys(await Json.ReadAsync(response), "detail");
        using var poll = await http.GetAsync($"/v1/job-sets/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Unauthorized, poll.StatusCode);
    }

    [Fact]
    public async Task Generate_AuthorizationKeyHeader_Accepted()
    {
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Key {Server.User.Key.Id}:{Server.User.Secret}");
        using var response = await http.PostAsync(Generate, Json.Raw(SeedBody));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"params":{}}""", "body.params.prompt", "missing")]
    [InlineData("""{}""", "body.params", "missing")]
    [InlineData("""[1]""", "body", "model_attributes_type")]
    [InlineData("""{"params":"x"}""", "body.params", "model_attributes_type")]
    [InlineData("""{"params":{"prompt":""}}""", "body.params.prompt", "string_too_short")]
    [InlineData("""{"params":{"prompt":7}}""", "body.params.prompt", "string_type")]
    [InlineData("""{"params":{"prompt":"p","duration":"5"}}""", "body.params.duration", "literal_error")]
    [InlineData("""{"params":{"prompt":"p","duration":7}}""", "body.params.duration", "literal_error")]
    [InlineData("""{"params":{"prompt":"p","cfg_scale":1.5}}""", "body.params.cfg_scale", "less_than_equal")]
    [InlineData("""{"params":{"prompt":"p","cfg_scale":-0.1}}""", "body.params.cfg_scale", "greater_than_equal")]
    [InlineData("""{"params":{"prompt":"p","cfg_scale":0.25}}""", "body.params.cfg_scale", "multiple_of")]
    [InlineData("""{"params":{"prompt":"p","cfg_scale":"high"}}""", "body.params.cfg_scale", "float_type")]
    [InlineData("""{"params":{"prompt":"p","enhance_prompt":"yes"}}""", "body.params.enhance_prompt", "bool_type")]
    [InlineData("""{"params":{"prompt":"p","negative_prompt":1}}""", "body.params.negative_prompt", "string_type")]
    [InlineData("""{"params":{"prompt":"p","model":"kling-v9"}}""", "body.params.model", "literal_error")]
    [InlineData("""{"params":{"prompt":"p","input_image":"http://x/a.png"}}""", "body.params.input_image", "model_attributes_type")]
    [InlineData("""{"params":{"prompt":"p","input_image":{"image_url":"http://x/a.png"}}}""", "body.params.input_image.type", "missing")]
    [InlineData("""{"params":{"prompt":"p","input_image":{"type":"url","image_url":"http://x/a.png"}}}""", "body.params.input_image.type", "literal_error")]
    [InlineData("""{"params":{"prompt":"p","input_image":{"type":"image_url"}}}""", "body.params.input_image.image_url", "missing")]
    [InlineData("""{"params":{"prompt":"p","input_image":{"type":"image_url","image_url":"a.png"}}}""", "body.params.input_image.image_url", "url_parsing")]
    [InlineData("""{"params":{"prompt":"p","input_image":{"type":"image_url","image_url":""}}}""", "body.params.input_image.image_url", "url_parsing")]
    [InlineData("""{"params":{"prompt":"p"},"webhook":{"secret":"s"}}""", "body.webhook.url", "missing")]
    [InlineData("""{"params":{"prompt":"p"},"webhook":{"url":"not a url"}}""", "body.webhook.url", "url_parsing")]
    [InlineData("""{"params":{"prompt":"p"},"webhook":"http://x"}""", "body.webhook", "model_attributes_type")]
    [InlineData("""{"params":{"prompt":"p",}}""", "body.0", "json_invalid")]
    public async Task Generate_InvalidField_422FastApiDetail(string json, string loc, string type)
    {
        using var http = HiggsfieldClient.For(Server, Server.User);
        using var response = await http.PostAsync(Generate, Json.Raw(json));
        var body = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        WireAssert.Keys(body, "detail");
        var error = Assert.Single(body.GetProperty("detail").EnumerateArray());
        WireAssert.Keys(error, "loc", "msg", "type");
        Assert.Equal(loc, string.Join('.', error.GetProperty("loc").EnumerateArray().Select(e => e.ToString())));
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Generate_PromptOverThousandChars_422StringTooLong()
    {
        using var http = HiggsfieldClient.For(Server, Server.User);
        using var response = await http.PostAsync(Generate, Json.Body(new { @params = new { prompt = new string('a', 1001) } }));
        var error = (await Json.ReadAsync(response)).GetProperty("detail")[0];
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("string_too_long", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Generate_ImageTooSmall_422ValueErrorAtImageUrl()
    {
        await using var image = await ImageServer.StartAsync(200, 200);
        using var http = HiggsfieldClient.For(Server, Server.User);
        using var response = await http.PostAsync(Generate, Json.Body(new
        {
            @params = new { prompt = "tiny", input_image = new { type = "image_url", image_url = image.Url.ToString() } },
        }));
        var error = (await Json.ReadAsync(response)).GetProperty("detail")[0];
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("value_error", error.GetProperty("type").GetString());
        Assert.Equal("body.params.input_image.image_url", string.Join('.', error.GetProperty("loc").EnumerateArray().Select(e => e.GetString())));
    }

    [Fact]
    public async Task GetJobSet_UnknownOrForeignId_404NotFound()
    {
        using var user = HiggsfieldClient.For(Server, Server.User);
        using var unknown = await user.GetAsync($"/v1/job-sets/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("""{"detail":"Not found"}""", await unknown.Content.ReadAsStringAsync());

        var other = await Server.CreateKeyAsync("other-hf");
        using var otherHttp = HiggsfieldClient.For(Server, other);
        var id = (await Json.PostAsync(otherHttp, Generate, JsonDocument.Parse(SeedBody).RootElement)).GetProperty("id").GetString();
        using var foreign = await user.GetAsync($"/v1/job-sets/{id}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        using var malformed = await user.GetAsync("/v1/job-sets/not-a-uuid");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Equal("uuid_parsing", (await Json.ReadAsync(malformed)).GetProperty("detail")[0].GetProperty("type").GetString());
    }

    private static void AssertJobSet(JsonElement set)
    {
        WireAssert.Keys(set, "id", "created_at", "jobs");
        WireAssert.Kind(JsonValueKind.String, set, "created_at");
        Assert.Equal(JsonValueKind.Array, set.GetProperty("jobs").ValueKind);
        var job = Assert.Single(set.GetProperty("jobs").EnumerateArray());
        WireAssert.Keys(job, "id", "status", "results");
        Assert.Contains(job.GetProperty("status").GetString(), new[] { "queued", "in_progress", "completed", "failed", "nsfw" });
    }

    [Fact]
    public async Task JobSet_CanceledThroughTheNativeApi_ShowsFailedFromTheV1Enum()
    {
        using var http = HiggsfieldClient.For(Server, Server.User);
        var created = await Json.ReadAsync(await http.PostAsync(Generate, Json.Raw(SeedBody)));
        var id = created.GetProperty("id").GetString()!;
        using var native = Server.Http(Server.User);
        using var cancel = await native.PostAsync($"/v1/videos/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);

        var set = await Json.GetAsync(http, $"/v1/job-sets/{id}");
        AssertJobSet(set);
        var job = set.GetProperty("jobs")[0];
        Assert.Equal("failed", job.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("results").ValueKind);
    }
}
