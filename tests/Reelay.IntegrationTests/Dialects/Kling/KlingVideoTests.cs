using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>Official Kling API conformance: create, poll, list, callbacks and results over real HTTP with real JWTs.</summary>
public sealed class KlingVideoTests(KlingServerFixture fixture) : IClassFixture<KlingServerFixture>
{
    private ReelayTestServer Server => fixture.Server;

    [Fact]
    public async Task Text2Video_DocumentedRequestWithHandRolledJwt_SubmittedThenSucceedWithDownloadableVideoAndCallbacks()
    {
        var key = await Server.CreateKeyAsync("kling-t2v");
        using var http = KlingClient.WithToken(Server, KlingTokens.HandRolled(key.Key.Id.ToString("D"), key.Secret));
        var external = "ext-" + Guid.NewGuid().ToString("N");
        using var create = await http.PostAsync("/v1/videos/text2video", Json.Raw($$"""
            {
              "model_name": "kling-v1",
              "prompt": "A peaceful mountain landscape with flowing river",
              "negative_prompt": "blurry",
              "cfg_scale": 0.5,
              "mode": "std",
              "aspect_ratio": "16:9",
              "duration": "5",
              "callback_url": "{{fixture.Sink.Url}}",
              "external_task_id": "{{external}}"
            }
            """));
        var data = await KlingAssert.SuccessAsync(create);
        KlingAssert.TaskShape(data);
        Assert.Equal(["created_at", "task_id", "task_info", "task_status", "updated_at"], data.EnumerateObject().Select(p => p.Name).Order().ToArray());
        Assert.Equal("submitted", data.GetProperty("task_status").GetString());
        Assert.Equal(external, data.GetProperty("task_info").GetProperty("external_task_id").GetString());
        var taskId = data.GetProperty("task_id").GetString()!;

        var seen = new List<string>();
        var done = await Eventually.ReturnsAsync(async () =>
            {
                using var r = await http.GetAsync($"/v1/videos/text2video/{taskId}");
                var t = await KlingAssert.SuccessAsync(r);
                seen.Add(t.GetProperty("task_status").GetString()!);
                return t;
            },
            t => t.GetProperty("task_status").GetString() is "succeed" or "failed", TimeSpan.FromSeconds(60), "task finishing");
        Assert.Equal("succeed", done.GetProperty("task_status").GetString());
        Assert.All(seen, s => Assert.Contains(s, new[] { "submitted", "processing", "succeed" }));
        KlingAssert.TaskShape(done);
        Assert.Equal(taskId, done.GetProperty("task_id").GetString());
        Assert.Equal("", done.GetProperty("task_status_msg").GetString());
        Assert.Equal("1", done.GetProperty("final_unit_deduction").GetString());
        var video = Assert.Single(done.GetProperty("task_result").GetProperty("videos").EnumerateArray().ToArray());
        Assert.Equal(JsonValueKind.String, video.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.String, video.GetProperty("duration").ValueKind);
        Assert.InRange(double.Parse(video.GetProperty("duration").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 4.8, 5.2);
        Assert.False(video.TryGetProperty("watermark_url", out _));

        using (var anonymous = new HttpClient())
        using (var mp4 = await anonymous.GetAsync(video.GetProperty("url").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, mp4.StatusCode);
            Assert.Equal("video/mp4", mp4.Content.Headers.ContentType?.MediaType);
            Assert.True((await mp4.Content.ReadAsByteArrayAsync()).Length > 1000);
        }

        // Callback: the bare task object on each status change (processing, then succeed), plus the signature headers.
        var callbacks = await Eventually.ReturnsAsync(
            () => Task.FromResult(fixture.Sink.Requests.Where(r => r.Body.Contains(taskId, StringComparison.Ordinal)).ToList()),
            l => l.Any(r => r.Body.Contains("\"succeed\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "succeed callback");
        var bodies = callbacks.Select(c => JsonDocument.Parse(c.Body).RootElement).ToList();
        Assert.Equal(["processing", "succeed"], bodies.Select(b => b.GetProperty("task_status").GetString()!).ToArray());
        foreach (var b in bodies)
        {
            Assert.False(b.TryGetProperty("code", out _));
            Assert.False(b.TryGetProperty("data", out _));
            KlingAssert.TaskShape(b);
            Assert.Equal(external, b.GetProperty("task_info").GetProperty("external_task_id").GetString());
        }
        Assert.Equal(JsonValueKind.String, bodies[1].GetProperty("task_result").GetProperty("videos")[0].GetProperty("duration").ValueKind);
        Assert.All(callbacks, c =>
        {
            Assert.StartsWith("application/json", c.Headers["content-type"]);
            Assert.StartsWith("v1,", c.Headers["webhook-signature"]);
            Assert.True(c.Headers.ContainsKey("webhook-id"));
        });

        // Query by external_task_id, under the /compat/kling prefix as well.
        using var byExternal = await http.GetAsync($"/v1/videos/text2video/{external}");
        Assert.Equal(taskId, (await KlingAssert.SuccessAsync(byExternal)).GetProperty("task_id").GetString());
        using var prefixed = await http.GetAsync($"/compat/kling/v1/videos/text2video/{taskId}");
        Assert.Equal(taskId, (await KlingAssert.SuccessAsync(prefixed)).GetProperty("task_id").GetString());
        // The other kind's path does not know it.
        using var wrongKind = await http.GetAsync($"/v1/videos/image2video/{taskId}");
        await KlingAssert.ErrorAsync(wrongKind, HttpStatusCode.NotFound, 1203);

        // One store: the same job through the native API, recorded as created by the kling dialect.
        using var native = Server.Http(key);
        var nativeVideo = await Json.GetAsync(native, $"/v1/videos/{taskId}");
        Assert.Equal(taskId, nativeVideo.GetProperty("id").GetString());
        Assert.Equal("completed", nativeVideo.GetProperty("status").GetString());
        Assert.Equal("kling-v1", nativeVideo.GetProperty("model").GetString());
        Assert.Equal(external, nativeVideo.GetProperty("external_id").GetString());
    }

    [Fact]
    public async Task Image2Video_RawBase64Image_SucceedsAndKeepsKind()
    {
        var key = await Server.CreateKeyAsync("kling-i2v");
        using var http = KlingClient.For(Server, key);
        var png = await TestMedia.ImageAsync(640, 360);
        var data = await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/image2video", Json.Body(new
        {
            model_name = "kling-v2-5-turbo",
            image = Convert.ToBase64String(png),
            prompt = "slow push in",
            cfg_scale = 0.9, // accepted and ignored on v2.x, like Kling
            duration = "5",
            mode = "std",
        })));
        var taskId = data.GetProperty("task_id").GetString()!;
        Assert.False(data.GetProperty("task_info").TryGetProperty("external_task_id", out _));

        var done = await WaitAsync(http, "image2video", taskId);
        Assert.Equal("succeed", done.GetProperty("task_status").GetString());
        using var anonymous = new HttpClient();
        using var mp4 = await anonymous.GetAsync(done.GetProperty("task_result").GetProperty("videos")[0].GetProperty("url").GetString());
        Assert.Equal("video/mp4", mp4.Content.Headers.ContentType?.MediaType);

        using var native = Server.Http(key);
        var nativeVideo = await Json.GetAsync(native, $"/v1/videos/{taskId}");
        Assert.Equal(JsonValueKind.Null, nativeVideo.GetProperty("cfg_scale").ValueKind);
    }

    [Fact]
    public async Task Image2Video_ImageUrlAndTailOnPro_SucceedsWithStartAndEndFrame()
    {
        var key = await Server.CreateKeyAsync("kling-i2v-url");
        using var http = KlingClient.For(Server, key);
        await using var images = await ImageServer.StartAsync(await TestMedia.ImageAsync(480, 480));
        var tail = await TestMedia.ImageAsync(480, 480, frame: 1);
        var data = await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/image2video", Json.Body(new
        {
            model_name = "kling-v2-5-turbo",
            image = images.Url.ToString(),
            image_tail = Convert.ToBase64String(tail),
            mode = "pro",
            watermark_info = new { enabled = true },
        })));
        var done = await WaitAsync(http, "image2video", data.GetProperty("task_id").GetString()!);
        Assert.Equal("succeed", done.GetProperty("task_status").GetString());
        var video = done.GetProperty("task_result").GetProperty("videos")[0];
        Assert.Equal(video.GetProperty("url").GetString(), video.GetProperty("watermark_url").GetString());
    }

    [Fact]
    public async Task List_PagesOfOneKind_NewestFirstWithinBounds()
    {
        var key = await Server.CreateKeyAsync("kling-list");
        using var http = KlingClient.For(Server, key);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var d = await KlingAssert.SuccessAsync(await http.PostAsync("/v1/videos/text2video", Json.Body(new { prompt = $"list {i}" })));
            ids.Add(d.GetProperty("task_id").GetString()!);
        }
        ids.Reverse();

        var page1 = await KlingAssert.SuccessAsync(await http.GetAsync("/v1/videos/text2video?pageNum=1&pageSize=2"));
        Assert.Equal(JsonValueKind.Array, page1.ValueKind);
        Assert.Equal(ids[..2], page1.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToList());
        foreach (var t in page1.EnumerateArray()) KlingAssert.TaskShape(t);
        var page2 = await KlingAssert.SuccessAsync(await http.GetAsync("/v1/videos/text2video?pageNum=2&pageSize=2"));
        Assert.Equal(ids[2..], page2.EnumerateArray().Select(t => t.GetProperty("task_id").GetString()!).ToList());
        var all = await KlingAssert.SuccessAsync(await http.GetAsync("/v1/videos/text2video"));
        Assert.Equal(3, all.GetArrayLength());
        var otherKind = await KlingAssert.SuccessAsync(await http.GetAsync("/v1/videos/image2video?pageNum=1&pageSize=500"));
        Assert.Equal(0, otherKind.GetArrayLength());

        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video?pageSize=501"), HttpStatusCode.BadRequest, 1201);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video?pageNum=0"), HttpStatusCode.BadRequest, 1201);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video?pageNum=1001"), HttpStatusCode.BadRequest, 1201);
        await KlingAssert.ErrorAsync(await http.GetAsync("/v1/videos/text2video?pageSize=abc"), HttpStatusCode.BadRequest, 1201);
    }

    private static Task<JsonElement> WaitAsync(HttpClient http, string kind, string taskId) =>
        Eventually.ReturnsAsync(async () => await KlingAssert.SuccessAsync(await http.GetAsync($"/v1/videos/{kind}/{taskId}")),
            t => t.GetProperty("task_status").GetString() is "succeed" or "failed", TimeSpan.FromSeconds(60), $"{kind} task {taskId} finishing");
}
