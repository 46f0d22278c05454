using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEnginePollTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "p" };

    private Task<EngineOutcome> PollAsync(KlingTask answer, VideoRequest? request = null, Action<Reelay.Providers.Kling.Upstream.KlingUpstreamOptions>? options = null)
    {
        _h.Server.Handler = (r, ctx) => FakeKlingServer.WriteTaskAsync(ctx, answer);
        return _h.Engine(options).PollAsync(_h.Context(request ?? Request, upstreamRef: answer.TaskId), CancellationToken.None);
    }

    [Fact]
    public async Task Poll_Processing_RunningWithNextPollWithinBounds()
    {
        var engine = _h.Engine(o => o.MaxPollInterval = TimeSpan.FromSeconds(20));
        var context = _h.Context(Request, upstreamRef: "kt-1");
        _h.Server.Handler = (r, ctx) => FakeKlingServer.WriteTaskAsync(ctx, FakeKlingServer.Task("kt-1", KlingTaskStatus.Processing, "job_0001"));

        _h.Clock.Advance(TimeSpan.FromSeconds(30));
        var early = await engine.PollAsync(context, CancellationToken.None);
        _h.Clock.Advance(TimeSpan.FromSeconds(570));
        var late = await engine.PollAsync(context, CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Running, early.Kind);
        Assert.InRange(early.RetryAfter, TimeSpan.FromSeconds(13.5), TimeSpan.FromSeconds(16.5));   // half of 30 s ± 10 %
        Assert.Equal(TimeSpan.FromSeconds(20), late.RetryAfter);                                   // capped
        Assert.InRange(early.Progress, 1, 99);
        Assert.True(late.Progress > early.Progress, $"{late.Progress} > {early.Progress}");
        Assert.InRange(late.Progress, 90, 99);
        Assert.Equal("/v1/videos/text2video/kt-1", _h.Server.Requests.First().Path);
    }

    [Fact]
    public async Task Poll_ImageJob_QueriesImage2VideoPath()
    {
        await PollAsync(FakeKlingServer.Task("kt-i", KlingTaskStatus.Processing, null), Request with { StartImage = "blob:inputs/x.png" });

        Assert.Equal("/v1/videos/image2video/kt-i", Assert.Single(_h.Server.Requests).Path);
    }

    [Fact]
    public async Task Poll_Succeed_ProducedWithFirstVideoUrl()
    {
        var outcome = await PollAsync(FakeKlingServer.Task("kt-2", KlingTaskStatus.Succeed, "job_0001", videoUrl: "https://cdn.example.com/v/kt-2.mp4?sig=1"));

        Assert.Equal(EngineOutcomeKind.Produced, outcome.Kind);
        Assert.Equal(new Uri("https://cdn.example.com/v/kt-2.mp4?sig=1"), outcome.Result!.RemoteUrl);
    }

    [Fact]
    public async Task Poll_SucceedWithoutVideos_RetryableSchemaFailure()
    {
        var outcome = await PollAsync(FakeKlingServer.Task("kt-3", KlingTaskStatus.Succeed, "job_0001"));

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Poll_FailedForContentSafety_ContentRejectedFinal()
    {
        var outcome = await PollAsync(FakeKlingServer.Task("kt-4", KlingTaskStatus.Failed, "job_0001",
            statusMsg: "Failure to pass the risk control system: content safety check failed"));

        Assert.Equal(JobErrorCodes.ContentRejected, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("risk control", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_FailedOtherwise_EngineFailedFinalWithReason()
    {
        var outcome = await PollAsync(FakeKlingServer.Task("kt-5", KlingTaskStatus.Failed, "job_0001", statusMsg: "internal render error"));

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
        Assert.Contains("internal render error", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Poll_UnknownStatus_RetryableSchemaFailure()
    {
        var outcome = await PollAsync(FakeKlingServer.Task("kt-6", "exploded", "job_0001"));

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Poll_MalformedJson_Retryable()
    {
        _h.Server.Handler = (r, ctx) => Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, "not json");
        var outcome = await _h.Engine().PollAsync(_h.Context(Request, upstreamRef: "kt-7"), CancellationToken.None);

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Poll_TaskGone_FinalEngineFailed()
    {
        _h.Server.Handler = (r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 404, 1203, "resource not found");
        var outcome = await _h.Engine().PollAsync(_h.Context(Request, upstreamRef: "kt-8"), CancellationToken.None);

        Assert.Equal(JobErrorCodes.EngineFailed, outcome.ErrorCode);
        Assert.False(outcome.Retryable);
    }
}
