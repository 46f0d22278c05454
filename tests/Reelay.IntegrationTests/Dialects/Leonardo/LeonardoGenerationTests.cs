using System.Net;
using System.Text.Json;
using Reelay.IntegrationTests.Support;
using static Reelay.IntegrationTests.Dialects.Leonardo.LeonardoServerFixture;

namespace Reelay.IntegrationTests.Dialects.Leonardo;

/// <summary>Leonardo create/poll/upload flows over real HTTP (docs/dialects.md §5).</summary>
public sealed class LeonardoGenerationTests(LeonardoServerFixture fx) : IClassFixture<LeonardoServerFixture>
{
    [Fact]
    public async Task ImageToVideo_UploadedInitImage_CompletesWithDownloadableVideoAndPoster()
    {
        using var http = fx.Http(fx.Server.User);
        var png = await TestMedia.ImageAsync(640, 360);
        var (imageId, uploadStatus, upload) = await UploadAsync(http, png);
        Assert.Equal(204, uploadStatus);
        Assert.Equal(JsonValueKind.String, upload.GetProperty("fields").ValueKind);
        Assert.Equal(JsonValueKind.String, upload.GetProperty("key").ValueKind);
        Assert.True(Guid.TryParse(imageId, out _));

        var (status, body) = await PostAsync(http, $"{Base}/generations-image-to-video",
            $$"""{"prompt":"a slow pan over the test card","imageId":"{{imageId}}","imageType":"UPLOADED","resolution":"RESOLUTION_720","isPublic":false,"seed":42}""");
        Assert.Equal(200, status);
        var job = body.GetProperty("motionVideoGenerationJob");
        Assert.Equal(3, job.EnumerateObject().Count());
        var id = job.GetProperty("generationId").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(JsonValueKind.Number, job.GetProperty("apiCreditCost").ValueKind);
        // The job's Reelay price (prices.json): 5 s std = 1 credit.
        Assert.Equal(1, job.GetProperty("apiCreditCost").GetInt32());
        Assert.Equal("1", job.GetProperty("cost").GetProperty("amount").GetString());
        Assert.Equal("CREDITS", job.GetProperty("cost").GetProperty("unit").GetString());

        var (seen, generation) = await WaitDoneAsync(http, id);
        Assert.Equal("PENDING", seen[0]);
        Assert.Equal("COMPLETE", seen[^1]);
        Assert.Equal(id, generation.GetProperty("id").GetString());
        Assert.Equal("MOTION2", generation.GetProperty("motionModel").GetString());
        Assert.Equal(42, generation.GetProperty("seed").GetInt64());
        Assert.Equal(JsonValueKind.Number, generation.GetProperty("imageWidth").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$", generation.GetProperty("createdAt").GetString());
        var image = Assert.Single(generation.GetProperty("generated_images").EnumerateArray());
        Assert.Equal(id, image.GetProperty("id").GetString());
        Assert.False(image.GetProperty("nsfw").GetBoolean());

        using var anonymous = fx.Http(null);
        using var video = await anonymous.GetAsync(image.GetProperty("motionMP4URL").GetString());
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        using var poster = await anonymous.GetAsync(image.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);

        // The same job through the native API, recorded as created by the Leonardo dialect's key.
        var native = await Json.GetAsync(http, $"/v1/videos/{id}");
        Assert.Equal(id, native.GetProperty("id").GetString());
        Assert.Equal("completed", native.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TextToVideo_ThenImageToVideoFromGeneratedImage_BothComplete()
    {
        using var http = fx.Http(fx.Server.User);
        var (status, body) = await PostAsync(http, $"{Base}/generations-text-to-video",
            """{"prompt":"neon city at night","model":"veo3fast","duration":4,"resolution":"RESOLUTION_480","height":480,"width":854,"promptEnhance":true}""");
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("motionVideoGenerationJob").GetProperty("apiCreditCost").GetInt32()); // 4 s × 0.25 credits/s at 480p (prices.json)
        var first = body.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;
        var (_, done) = await WaitDoneAsync(http, first);
        Assert.Equal("COMPLETE", done.GetProperty("status").GetString());
        Assert.Equal("VEO3FAST", done.GetProperty("motionModel").GetString());
        Assert.Equal((854, 480), (done.GetProperty("imageWidth").GetInt32(), done.GetProperty("imageHeight").GetInt32()));
        var generatedImageId = done.GetProperty("generated_images")[0].GetProperty("id").GetString();

        (status, body) = await PostAsync(http, $"{Base}/generations-image-to-video",
            $$"""{"prompt":"continue the scene","imageId":"{{generatedImageId}}","imageType":"GENERATED","model":"KLING2_5","width":1080,"height":1920}""");
        Assert.Equal(200, status);
        var second = body.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;
        var (_, next) = await WaitDoneAsync(http, second);
        Assert.Equal("COMPLETE", next.GetProperty("status").GetString());
        Assert.Equal("KLING2_5", next.GetProperty("motionModel").GetString());
        Assert.Equal("kling-v2-5-turbo", (await Json.GetAsync(http, $"/v1/videos/{second}")).GetProperty("model").GetString());
    }

    [Fact]
    public async Task ImageToVideo_GeneratedIdOfAnotherKey_RejectedAsUnknown()
    {
        using var owner = fx.Http(fx.Server.Admin);
        var (_, body) = await PostAsync(owner, $"{Base}/generations-text-to-video", """{"prompt":"admin's own","model":"VEO3FAST","duration":4}""");
        var id = body.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;

        using var other = fx.Http(fx.Server.User);
        var (status, error) = await PostAsync(other, $"{Base}/generations-image-to-video",
            $$"""{"prompt":"steal","imageId":"{{id}}","imageType":"GENERATED"}""");
        Assert.Equal(400, status);
        Assert.Equal("$.imageId", error.GetProperty("path").GetString());
        Assert.Equal("validation-failed", error.GetProperty("code").GetString());
        // And its generation is invisible to the other key: Hasura's null, with 200.
        var foreign = await Json.GetAsync(other, $"{Base}/generations/{id}");
        Assert.Equal(JsonValueKind.Null, foreign.GetProperty("generations_by_pk").ValueKind);
    }

    [Fact]
    public async Task Callback_KeyWithLeonardoCallback_CompleteEventWithBearerCallbackKey()
    {
        using var http = fx.Http(fx.CallbackUser);
        var (status, body) = await PostAsync(http, $"{Base}/generations-text-to-video", """{"prompt":"call me back","model":"VEO3FAST","duration":4}""");
        Assert.Equal(200, status);
        var id = body.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;

        var received = await Eventually.ReturnsAsync(
            () => Task.FromResult(fx.Sink.Requests.FirstOrDefault(r => r.Body.Contains(id, StringComparison.Ordinal))),
            r => r is not null, TimeSpan.FromSeconds(60), "Leonardo callback");
        Assert.Equal($"Bearer {CallbackKey}", received!.Headers["authorization"]);
        Assert.True(received.Headers.ContainsKey("webhook-signature"));
        var evt = JsonDocument.Parse(received.Body).RootElement;
        Assert.Equal("video_generation.complete", evt.GetProperty("type").GetString());
        Assert.Equal("generation", evt.GetProperty("object").GetString());
        Assert.Equal("v1", evt.GetProperty("api_version").GetString());
        Assert.Equal(JsonValueKind.Number, evt.GetProperty("timestamp").ValueKind);
        var generation = evt.GetProperty("data").GetProperty("object");
        Assert.Equal(id, generation.GetProperty("id").GetString());
        Assert.Equal("COMPLETE", generation.GetProperty("status").GetString());
        Assert.Single(fx.Sink.Requests, r => r.Body.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetGeneration_UnknownId_NullWith200()
    {
        using var http = fx.Http(fx.Server.User);
        using var response = await http.GetAsync($"{Base}/generations/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"generations_by_pk":null}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetGeneration_UnderCompatPrefix_SameGeneration()
    {
        using var http = fx.Http(fx.Server.User);
        var (_, body) = await PostAsync(http, $"/compat/leonardo{Base}/generations-text-to-video", """{"prompt":"prefixed","model":"VEO3FAST","duration":4}""");
        var id = body.GetProperty("motionVideoGenerationJob").GetProperty("generationId").GetString()!;
        var generation = (await Json.GetAsync(http, $"/compat/leonardo{Base}/generations/{id}")).GetProperty("generations_by_pk");
        Assert.Equal(id, generation.GetProperty("id").GetString());
        Assert.Equal("prefixed", generation.GetProperty("prompt").GetString());
    }
}
