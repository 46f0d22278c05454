using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.HyprLab;
using Reelay.Upstreams;

namespace Reelay.Tests.Providers.HyprLab.Upstream;

public sealed class HyprLabEngineTests
{
    private static readonly VideoRequest Request = new() { Model = "kling-v2-1", Mode = VideoMode.Pro, Prompt = "a heron taking off", DurationSeconds = 10, AspectRatio = "1:1", CfgScale = 0.3 };

    private static async Task<(HyprLabEngineHarness H, Reelay.Providers.HyprLab.Upstream.HyprLabEngine Engine, EngineContext Polling)> SubmittedAsync(
        Action<Reelay.Providers.HyprLab.Emulator.HyprLabEmulatorOptions>? configure = null)
    {
        var h = await HyprLabEngineHarness.StartAsync(configure);
        var engine = h.Engine();
        var context = h.Context(Request);
        var submitted = await engine.SubmitAsync(context, CancellationToken.None);
        Assert.Equal(EngineOutcomeKind.Submitted, submitted.Kind);
        return (h, engine, context with { Job = context.Job with { Stage = JobStage.Poll, UpstreamRef = submitted.UpstreamRef } });
    }

    [Fact]
    public async Task Submit_TextToVideo_CreatesOneGenerationAndKeepsPollingUrl()
    {
        await using var h = await HyprLabEngineHarness.StartAsync();

        var outcome = await h.Engine().SubmitAsync(h.Context(Request), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal(1, h.Emulator.TotalCreates);
        Assert.StartsWith(h.Emulator.BaseAddress + "v1/video/generations/vidgen_", outcome.UpstreamRef);
        var sent = Assert.Single(h.Emulator.CreatedRequests);
        Assert.Equal("kling-v2.1-pro", sent.Extension(HyprLabRequestReader.ModelExtension));
        Assert.Equal("kling-v2-1", sent.Model);
        Assert.Equal(VideoMode.Pro, sent.Mode);
        Assert.Equal(10, sent.DurationSeconds);
        Assert.Equal("1:1", sent.AspectRatio);
    }

    [Fact]
    public async Task Submit_StoredStartImage_SentInlineAsDataUri()
    {
        await using var h = await HyprLabEngineHarness.StartAsync();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };
        var reference = await h.StoreInputAsync("inputs/start.png", png);

        var outcome = await h.Engine().SubmitAsync(h.Context(Request with { StartImage = reference }), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), Assert.Single(h.Emulator.CreatedRequests).StartImage);
    }

    [Theory]
    [InlineData("kling-v2-6", VideoMode.Std, 5)]   // HyprLab has kling-v2.6 in pro only
    [InlineData("local", VideoMode.Std, 5)]
    [InlineData("kling-v1", VideoMode.Std, 7)]
    public async Task Submit_RequestHyprLabCannotServe_EngineUnavailableWithoutCall(string model, VideoMode mode, int seconds)
    {
        await using var h = await HyprLabEngineHarness.StartAsync();

        var outcome = await h.Engine().SubmitAsync(h.Context(new VideoRequest { Model = model, Mode = mode, Prompt = "p", DurationSeconds = seconds }), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineUnavailable, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Equal(0, h.Emulator.CreateRequests);
    }

    [Fact]
    public async Task Submit_WrongKey_UpstreamAuthFinalAndKeyNotInMessage()
    {
        await using var h = await HyprLabEngineHarness.StartAsync();

        var outcome = await h.Engine(o => o.ApiKey = "wrong-key-456").SubmitAsync(h.Context(Request), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.DoesNotContain("wrong-key-456", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_FollowsTimeline_RunningThenProducedWithVideoUrl()
    {
        var (h, engine, ctx) = await SubmittedAsync();
        await using var _ = h;

        var pending = await engine.PollAsync(ctx, CancellationToken.None);
        h.Clock.Advance(HyprLabEngineHarness.Queue + HyprLabEngineHarness.Generation / 2);
        var processing = await engine.PollAsync(ctx, CancellationToken.None);
        h.Clock.Advance(HyprLabEngineHarness.Generation);
        var done = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Running, pending.Kind);
        Assert.InRange(pending.Progress, 0, 5);
        Assert.Equal(EngineOutcomeKind.Running, processing.Kind);
        Assert.InRange(processing.Progress, 1, 99);
        Assert.Equal(EngineOutcomeKind.Produced, done.Kind);
        Assert.StartsWith(h.Emulator.BaseAddress + "results/", done.Result!.RemoteUrl!.ToString());
        Assert.Equal(3, h.Emulator.TotalStatusCalls);
    }

    [Theory]
    [InlineData(true, JobErrorCodes.ContentRejected)]
    [InlineData(false, JobErrorCodes.EngineFailed)]
    public async Task Poll_FailedGeneration_FinalWithReason(bool contentRejected, string code)
    {
        var (h, engine, ctx) = await SubmittedAsync(o => { o.Faults.ContentRejected = contentRejected ? 1 : 0; o.Faults.FailTask = 1; });
        await using var _ = h;
        h.Clock.Advance(HyprLabEngineHarness.Queue + HyprLabEngineHarness.Generation);

        var outcome = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(code, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("emulated fault", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_PollingUrlOnAnotherOrigin_RefusedWithoutSendingKey()
    {
        await using var h = await HyprLabEngineHarness.StartAsync();
        var ctx = h.Context(Request, upstreamRef: "http://127.0.0.2:1/v1/video/generations/vidgen_x");

        var outcome = await h.Engine().PollAsync(ctx, CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.Equal(0, h.Emulator.TotalStatusCalls);
    }

    [Fact]
    public async Task Poll_UpstreamGone_RetryableTransportFailure()
    {
        var (h, engine, ctx) = await SubmittedAsync();
        await using var _ = h;
        await h.StopEmulatorAsync();

        var outcome = await engine.PollAsync(ctx, CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }

}
