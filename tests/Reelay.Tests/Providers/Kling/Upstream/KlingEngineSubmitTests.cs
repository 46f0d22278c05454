using System.Text.Json;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEngineSubmitTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private FakeKlingRequest Single() => Assert.Single(_h.Server.Requests);

    [Fact]
    public async Task Submit_TextOnly_PostsText2VideoWithJobIdAndStringDuration()
    {
        var request = new VideoRequest
        {
            Model = "kling-v2-master", Prompt = "a cat surfing", NegativePrompt = "blur", DurationSeconds = 10, AspectRatio = "9:16", Mode = VideoMode.Pro,
            CameraControl = new CameraControl("simple", new CameraConfig(Zoom: 5)),
        };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request, "job_t2v"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var sent = Single();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/videos/text2video", sent.Path);
        var json = sent.Json;
        Assert.Equal("kling-v2-master", json.GetProperty("model_name").GetString());
        Assert.Equal("a cat surfing", json.GetProperty("prompt").GetString());
        Assert.Equal("blur", json.GetProperty("negative_prompt").GetString());
        Assert.Equal(JsonValueKind.String, json.GetProperty("duration").ValueKind);
        Assert.Equal("10", json.GetProperty("duration").GetString());
        Assert.Equal("9:16", json.GetProperty("aspect_ratio").GetString());
        Assert.Equal("pro", json.GetProperty("mode").GetString());
        Assert.Equal("job_t2v", json.GetProperty("external_task_id").GetString());
        Assert.Equal("simple", json.GetProperty("camera_control").GetProperty("type").GetString());
        Assert.Equal(5, json.GetProperty("camera_control").GetProperty("config").GetProperty("zoom").GetDouble());
        Assert.False(json.TryGetProperty("cfg_scale", out _));
        Assert.False(json.TryGetProperty("callback_url", out _));
        Assert.False(json.TryGetProperty("image", out _));
    }

    [Fact]
    public async Task Submit_StartAndEndImage_PostsImage2VideoWithRawBase64()
    {
        byte[] start = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 250], end = [0x89, 0x50, 0x4E, 0x47, 9, 8, 7];
        var request = new VideoRequest
        {
            Model = "kling-v1-6", Prompt = "walk", CfgScale = 0.3,
            StartImage = await _h.StoreInputAsync("inputs/start.png", start),
            EndImage = await _h.StoreInputAsync("inputs/end.png", end),
        };
        await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        var sent = Single();
        Assert.Equal("/v1/videos/image2video", sent.Path);
        var json = sent.Json;
        Assert.Equal(Convert.ToBase64String(start), json.GetProperty("image").GetString());
        Assert.Equal(Convert.ToBase64String(end), json.GetProperty("image_tail").GetString());
        Assert.DoesNotContain("data:", sent.Body, StringComparison.Ordinal);
        Assert.False(json.TryGetProperty("aspect_ratio", out _));
        Assert.Equal(0.3, json.GetProperty("cfg_scale").GetDouble());
        Assert.Equal("5", json.GetProperty("duration").GetString());
        Assert.Equal("std", json.GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Submit_CallbackBaseConfigured_SendsCallbackUrlForTheJob()
    {
        var engine = _h.Engine(o => o.PublicBaseUrl = "https://reelay.example.com/");
        await engine.SubmitAsync(_h.Context(new VideoRequest { Model = "kling-v1", Prompt = "p" }, "job_cb"), CancellationToken.None);

        Assert.Equal("https://reelay.example.com/v1/upstream-callbacks/kling/job_cb", Single().Json.GetProperty("callback_url").GetString());
    }

    [Fact]
    public async Task Submit_Accepted_SubmittedWithTaskIdAndFirstPollDelay()
    {
        _h.Server.Handler = (r, ctx) => FakeKlingServer.WriteTaskAsync(ctx, FakeKlingServer.Task("kt-777", KlingTaskStatus.Submitted, "job_0001"));
        var engine = _h.Engine(o => o.FirstPollAfter = TimeSpan.FromSeconds(42));

        var outcome = await engine.SubmitAsync(_h.Context(new VideoRequest { Model = "kling-v1", Prompt = "p" }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("kt-777", outcome.UpstreamRef);
        Assert.Equal(TimeSpan.FromSeconds(42), outcome.RetryAfter);
    }

    [Fact]
    public async Task Submit_LocalModel_FinalFailureWithoutCallingUpstream()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(new VideoRequest { Model = "local", Prompt = "p" }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.False(outcome.Retryable);
        Assert.Contains("not served by this upstream", outcome.ErrorMessage);
        Assert.Empty(_h.Server.Requests);
    }

    [Fact]
    public async Task Submit_MissingInputBlob_FinalInvalidInputWithoutCallingUpstream()
    {
        var request = new VideoRequest { Model = "kling-v1", StartImage = "blob:inputs/gone.png" };
        var outcome = await _h.Engine().SubmitAsync(_h.Context(request), CancellationToken.None);

        Assert.Equal(JobErrorCodes.InvalidInput, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Empty(_h.Server.Requests);
    }

    [Fact]
    public async Task Submit_ExternalIdAlreadyUsed_AdoptsExistingTaskWithoutSecondCreate()
    {
        _h.Server.Handler = (r, ctx) => r.Method == "POST"
            ? FakeKlingServer.WriteErrorAsync(ctx, 400, 1201, "external_task_id already exists")
            : r.Path == "/v1/videos/text2video/job_dup"
                ? FakeKlingServer.WriteTaskAsync(ctx, FakeKlingServer.Task("kt-first", KlingTaskStatus.Processing, "job_dup"))
                : FakeKlingServer.WriteErrorAsync(ctx, 404, 1203, "not found");

        var outcome = await _h.Engine().SubmitAsync(_h.Context(new VideoRequest { Model = "kling-v1", Prompt = "p" }, "job_dup"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("kt-first", outcome.UpstreamRef);
        Assert.Single(_h.Server.Requests, r => r.Method == "POST");
    }
}
