using Microsoft.AspNetCore.Http;
using Reelay.Engines;
using Reelay.Jobs;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEngineErrorTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "p" };

    private async Task<EngineOutcome> SubmitAgainstAsync(Func<FakeKlingRequest, HttpContext, Task> handler, KlingEngineHarness? h = null, Action<Reelay.Providers.Kling.Upstream.KlingUpstreamOptions>? options = null)
    {
        h ??= _h;
        h.Server.Handler = handler;
        return await h.Engine(options).SubmitAsync(h.Context(Request), CancellationToken.None);
    }

    [Theory]
    [InlineData(500, 5000, "upstream_unavailable", true)]
    [InlineData(503, 5001, "upstream_unavailable", true)]
    [InlineData(401, 1000, "upstream_auth", false)]
    [InlineData(403, 1103, "upstream_auth", false)]
    [InlineData(400, 1200, "invalid_input", false)]
    [InlineData(400, 1201, "invalid_input", false)]
    [InlineData(400, 1301, "content_rejected", false)]
    [InlineData(429, 1102, "upstream_quota", true)]
    public async Task Submit_UpstreamError_ClassifiedByCode(int status, int code, string expectedCode, bool retryable)
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, status, code, "upstream says no"));

        Assert.Equal(EngineOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(expectedCode, outcome.ErrorCode);
        Assert.Equal(retryable, outcome.Retryable);
        Assert.Contains("kling-test", outcome.ErrorMessage);
        Assert.Contains($"code {code}", outcome.ErrorMessage);
        Assert.Contains("upstream says no", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_5xxWithoutKlingBody_RetryableUnavailable()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => { ctx.Response.StatusCode = 502; return ctx.Response.WriteAsync("<html>bad gateway</html>"); });

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("HTTP 502", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_429WithRetryAfter_RetryableHonouringRetryAfter()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 429, 1303, "concurrency over limit", retryAfterSeconds: 7));

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryAfter);
    }

    [Fact]
    public async Task Submit_429WithoutRetryAfter_BacksOffAtLeastOneSecond()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 429, 1302, "rate limit"));

        Assert.True(outcome.Retryable);
        Assert.True(outcome.RetryAfter >= TimeSpan.FromSeconds(1), $"backoff {outcome.RetryAfter}");
    }

    [Fact]
    public async Task Submit_MalformedJson_RetryableUnavailable()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => ctx.Response.WriteAsync("{\"code\":0,\"data\":{\"task_id\":"));

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("malformed JSON", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_SchemaChanged_RetryableUnavailable()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => ctx.Response.WriteAsync("{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"x\",\"data\":{\"id\":\"t\",\"state\":\"ok\"}}"));

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
    }

    [Fact]
    public async Task Submit_ConnectionReset_RetryableUnavailable()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) => { ctx.Abort(); return Task.CompletedTask; });

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("kling-test", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_SlowUpstream_TimesOutRetryable()
    {
        await using var h = await KlingEngineHarness.StartAsync(TimeProvider.System);
        var outcome = await SubmitAgainstAsync(async (r, ctx) =>
        {
            try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
            catch (OperationCanceledException) { }
        }, h, o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        Assert.Equal(UpstreamErrorCodes.Unavailable, outcome.ErrorCode);
        Assert.True(outcome.Retryable);
        Assert.Contains("did not answer within 0.3 s", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_UpstreamEchoesCredentials_MessageHasNeitherSecretNorToken()
    {
        var outcome = await SubmitAgainstAsync((r, ctx) =>
            FakeKlingServer.WriteErrorAsync(ctx, 401, 1002, $"bad token {r.Token} signed with {FakeKlingServer.SecretKey}"));

        var token = Assert.Single(_h.Server.Requests).Token;
        Assert.Equal(UpstreamErrorCodes.Auth, outcome.ErrorCode);
        Assert.DoesNotContain(token, outcome.ErrorMessage);
        Assert.DoesNotContain(FakeKlingServer.SecretKey, outcome.ErrorMessage);
        Assert.Contains("bad token ***", outcome.ErrorMessage);
    }

    [Fact]
    public async Task Submit_ErrorsNotRelatedToExternalId_DoNotTriggerLookup()
    {
        await SubmitAgainstAsync((r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 400, 1201, "duration must be \"5\" or \"10\""));

        Assert.Single(_h.Server.Requests);
    }
}
