using Microsoft.AspNetCore.Http;
using Reelay.Engines;
using Reelay.Jobs;
using Reelay.Providers.Kling.Contract;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEngineFindSubmittedTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "p" };

    private Task<EngineOutcome?> FindAsync(Func<FakeKlingRequest, HttpContext, Task> handler)
    {
        _h.Server.Handler = handler;
        return _h.Engine().FindSubmittedAsync(_h.Context(Request, "job_lost"), CancellationToken.None);
    }

    [Fact]
    public async Task FindSubmitted_TaskExists_SubmittedWithItsTaskId()
    {
        var outcome = await FindAsync((r, ctx) => FakeKlingServer.WriteTaskAsync(ctx, FakeKlingServer.Task("kt-9", KlingTaskStatus.Processing, "job_lost")));

        Assert.NotNull(outcome);
        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("kt-9", outcome.UpstreamRef);
        var query = Assert.Single(_h.Server.Requests);
        Assert.Equal("GET", query.Method);
        Assert.Equal("/v1/videos/text2video/job_lost", query.Path);
    }

    [Fact]
    public async Task FindSubmitted_TaskAlreadySucceeded_ProducedWithTaskId()
    {
        var outcome = await FindAsync((r, ctx) => FakeKlingServer.WriteTaskAsync(ctx,
            FakeKlingServer.Task("kt-10", KlingTaskStatus.Succeed, "job_lost", videoUrl: "https://cdn.example.com/kt-10.mp4")));

        Assert.Equal(EngineOutcomeKind.Produced, outcome!.Kind);
        Assert.Equal("kt-10", outcome.UpstreamRef);
    }

    [Fact]
    public async Task FindSubmitted_NotFound_NullSafeToSubmit()
    {
        var outcome = await FindAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 404, 1203, "resource not found"));

        Assert.Null(outcome);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(404)]   // a 404 without Kling's 1203 body (wrong path, proxy): not proof of absence
    public async Task FindSubmitted_UpstreamError_RetryableFailureNotNull(int status)
    {
        var outcome = await FindAsync((r, ctx) => { ctx.Response.StatusCode = status; return Task.CompletedTask; });

        Assert.NotNull(outcome);
        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.True(outcome.Retryable);
        Assert.Contains("not submitting while unsure", outcome.ErrorMessage);
    }

    [Fact]
    public async Task FindSubmitted_AuthRefused_RetryableNotNull()
    {
        var outcome = await FindAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 401, 1000, "auth failed"));

        Assert.NotNull(outcome);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task FindSubmitted_AnotherJobsTask_RetryableNotAdopted()
    {
        var outcome = await FindAsync((r, ctx) => FakeKlingServer.WriteTaskAsync(ctx, FakeKlingServer.Task("kt-x", KlingTaskStatus.Processing, "job_other")));

        Assert.Equal(EngineOutcomeKind.Failed, outcome!.Kind);
        Assert.True(outcome.Retryable);
    }
}
