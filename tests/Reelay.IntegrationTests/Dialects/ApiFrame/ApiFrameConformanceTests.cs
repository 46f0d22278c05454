using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Client;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.ApiFrame;

/// <summary>APIFrame's Kling API over real HTTP: seed 004's example, the task shape, progression, results and webhooks.</summary>
[Collection(ApiFrameCollection.Name)]
public sealed class ApiFrameConformanceTests(ApiFrameServer f)
{
    private const string SeedPrompt = "A colossal mech suit towering over a futuristic cityscape, its powerful weapons primed for battle against an unseen threat.";

    [Fact]
    public async Task KlingImagine_SeedExampleWithWebhook_AnswersTaskIdAndPostsResultWithSecret()
    {
        // The C# sample of seed 004, byte for byte, with the placeholder webhook URL pointed at the sink.
        var body = "{\r\n \"prompt\": \"A colossal mech suit towering over a futuristic cityscape, its powerful weapons primed for battle against an unseen threat.\",\r\n \"generation_type\": \"text2video\",\r\n \"webhook_url\": \"https://........\",\r\n \"webhook_secret\": \"abc123\"\r\n}"
            .Replace("https://........", f.Sink.Url.ToString());
        using var http = new HttpClient { BaseAddress = f.Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/kling-imagine");
        request.Headers.Add("Authorization", f.Server.User.Token);
        request.Content = new StringContent(body, null, "application/json");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["task_id"], ApiFrameServer.PropertyNames(created));
        var id = created.GetProperty("task_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);

        var final = await Eventually.ReturnsAsync(
            () => Task.FromResult(f.Sink.Requests.Where(r => r.Body.Contains(id, StringComparison.Ordinal)).ToArray()),
            rs => rs.Any(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("status").GetString() == "finished"),
            TimeSpan.FromSeconds(60), "the finished webhook");
        var updates = final.Select(r => JsonDocument.Parse(r.Body).RootElement).ToArray();
        var done = final.Single(r => r.Body.Contains("\"finished\"", StringComparison.Ordinal));
        var doneBody = JsonDocument.Parse(done.Body).RootElement;

        Assert.Equal(["percentage", "status", "task_id", "task_type", "video_url"], ApiFrameServer.PropertyNames(doneBody));
        Assert.Equal(id, doneBody.GetProperty("task_id").GetString());
        Assert.Equal("kling-video", doneBody.GetProperty("task_type").GetString());
        Assert.Equal(JsonValueKind.Number, doneBody.GetProperty("percentage").ValueKind);
        Assert.Equal(100, doneBody.GetProperty("percentage").GetInt32());
        Assert.Equal("abc123", done.Headers["x-webhook-secret"]);
        Assert.Equal(WebhookVerificationResult.Valid, new WebhookVerifier(f.Server.User.WebhookSecret).Verify(done.Headers, done.Body));

        // An update came before the result: the start, in the fetch shape with a string percentage.
        var started = Assert.Single(updates, u => u.GetProperty("status").GetString() == "starting");
        Assert.Equal(JsonValueKind.String, started.GetProperty("percentage").ValueKind);
        Assert.All(final, r => Assert.Equal("abc123", r.Headers["x-webhook-secret"]));

        await AssertDownloadableAsync(doneBody.GetProperty("video_url").GetString()!);
    }

    [Fact]
    public async Task Fetch_TextToVideo_ProgressesToFinishedWithDownloadableVideo()
    {
        var id = await f.CreateAsync(new { prompt = "a lighthouse at dusk", generation_type = "text2video", duration = 5, model = "kling-v1-6", aspect_ratio = "9:16" });

        var seen = await f.FetchUntilDoneAsync(id);

        foreach (var task in seen)
        {
            var status = task.GetProperty("status").GetString();
            Assert.Contains(status, new[] { "pending", "starting", "processing", "finished" });
            Assert.Equal(id, task.GetProperty("task_id").GetString());
            Assert.Equal("kling-video", task.GetProperty("task_type").GetString());
            if (status != "finished")
            {
                Assert.Equal(["percentage", "status", "task_id", "task_type"], ApiFrameServer.PropertyNames(task));
                Assert.Equal(JsonValueKind.String, task.GetProperty("percentage").ValueKind);
                Assert.InRange(int.Parse(task.GetProperty("percentage").GetString()!), 0, 99);
            }
        }
        var last = seen[^1];
        Assert.Equal("finished", last.GetProperty("status").GetString());
        Assert.Equal(100, last.GetProperty("percentage").GetInt32());
        await AssertDownloadableAsync(last.GetProperty("video_url").GetString()!);
    }

    [Fact]
    public async Task KlingImagine_ImageToVideoWithEndFrameAndStringNumbers_FinishesAndShowsInNativeApi()
    {
        var id = await f.CreateAsync(new
        {
            prompt = "the scene slowly comes alive",
            generation_type = "image2video",
            image_url = f.Images.StartUrl,
            end_image_url = f.Images.EndUrl,
            model = "kling-v1-5",
            mode = "pro",
            duration = "5",
            cfg_scale = "0.5",
            negative_prompt = "blur",
        });

        var last = (await f.FetchUntilDoneAsync(id))[^1];
        Assert.Equal("finished", last.GetProperty("status").GetString());
        await AssertDownloadableAsync(last.GetProperty("video_url").GetString()!);

        using var native = f.Server.Http(f.Server.User);
        var video = await Json.GetAsync(native, $"/v1/videos/{id}");
        Assert.Equal(id, video.GetProperty("id").GetString());
        Assert.Equal("completed", video.GetProperty("status").GetString());
        Assert.Equal("kling-v1-5", video.GetProperty("model").GetString());
        Assert.Equal("pro", video.GetProperty("mode").GetString());
        Assert.Equal(0.5, video.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("blur", video.GetProperty("negative_prompt").GetString());
    }

    [Fact]
    public async Task KlingImagine_AspectRatioBeyondKlingCatalog_RendersThatRatioOnLocalModel()
    {
        var id = await f.CreateAsync(new { prompt = "a wide canyon", generation_type = "text2video", aspect_ratio = "21:9", model = "kling-v1" });

        var last = (await f.FetchUntilDoneAsync(id))[^1];
        Assert.Equal("finished", last.GetProperty("status").GetString());

        using var native = f.Server.Http(f.Server.User);
        var video = await Json.GetAsync(native, $"/v1/videos/{id}");
        Assert.Equal("local", video.GetProperty("model").GetString());
        Assert.Equal("21:9", video.GetProperty("aspect_ratio").GetString());
        var raw = video.GetProperty("outputs").GetProperty("raw");
        Assert.InRange(raw.GetProperty("width").GetDouble() / raw.GetProperty("height").GetDouble(), 2.2, 2.45);
    }

    [Fact]
    public async Task FetchMany_KnownAndUnknownIds_ReturnsOneTaskPerIdInOrder()
    {
        var a = await f.CreateAsync(new { prompt = "first", generation_type = "text2video" });
        var b = await f.CreateAsync(new { prompt = "second", generation_type = "text2video" });
        var unknown = Guid.CreateVersion7().ToString();
        using var http = f.UserClient();

        var (status, text) = await ApiFrameServer.PostAsync(http, "/fetch-many", JsonSerializer.Serialize(new { task_ids = new[] { a, unknown, b } }));

        Assert.Equal(200, status);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal(["tasks"], ApiFrameServer.PropertyNames(root));
        var tasks = root.GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal([a, unknown, b], tasks.Select(t => t.GetProperty("task_id").GetString()!).ToArray());
        Assert.Contains(tasks[0].GetProperty("status").GetString(), new[] { "pending", "starting", "processing", "finished" });
        Assert.Equal("failed", tasks[1].GetProperty("status").GetString());
        Assert.Equal("task not found", tasks[1].GetProperty("message").GetString());
        Assert.Equal("kling-video", tasks[2].GetProperty("task_type").GetString());
    }

    [Fact]
    public async Task Fetch_AnotherKeysTask_Answers404TaskNotFound()
    {
        var id = await f.CreateAsync(new { prompt = "mine", generation_type = "text2video" });
        var other = await f.Server.CreateKeyAsync("other");
        using var http = f.Client(other.Token);

        var (status, text) = await ApiFrameServer.PostAsync(http, "/fetch", JsonSerializer.Serialize(new { task_id = id }));

        Assert.Equal(404, status);
        Assert.Equal("""{"errors":[{"msg":"task not found"}]}""", text);
    }

    [Fact]
    public async Task KlingImagine_CompatPrefixAndBearerToken_AreAccepted()
    {
        using var http = f.Client("Bearer " + f.Server.User.Token);

        var (status, text) = await ApiFrameServer.PostAsync(http, "/compat/apiframe/kling-imagine", """{"prompt":"prefixed","generation_type":"text2video"}""");

        Assert.Equal(200, status);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("task_id").GetString()!;
        var (fetchStatus, fetched) = await ApiFrameServer.PostAsync(http, "/compat/apiframe/fetch", JsonSerializer.Serialize(new { task_id = id }));
        Assert.Equal(200, fetchStatus);
        Assert.Equal(id, JsonDocument.Parse(fetched).RootElement.GetProperty("task_id").GetString());
    }

    private async Task AssertDownloadableAsync(string url)
    {
        using var anonymous = new HttpClient();
        using var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("video/mp4").MediaType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 1000, $"only {bytes.Length} bytes");
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(bytes, 4, 4));
        Assert.StartsWith(f.Server.BaseAddress.ToString().TrimEnd('/'), url);
    }
}
