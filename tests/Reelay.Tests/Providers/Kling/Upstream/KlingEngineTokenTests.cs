using System.Buffers.Text;
using System.Text.Json;
using Reelay.Jobs;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling.Upstream;

public sealed class KlingEngineTokenTests : IAsyncLifetime
{
    private KlingEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await KlingEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    private static readonly VideoRequest Request = new() { Model = "kling-v1", Prompt = "p" };

    private async Task PollAsync(Reelay.Providers.Kling.Upstream.KlingEngine engine) =>
        await engine.PollAsync(_h.Context(Request, upstreamRef: "kt-1"), CancellationToken.None);

    [Fact]
    public async Task Token_Minted_HasAccessKeyIssuerAndKlingLifetime()
    {
        await PollAsync(_h.Engine());

        var token = Assert.Single(_h.Server.Requests).Token;
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        var now = _h.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal("ak-test", claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(now + 1800, claims.RootElement.GetProperty("exp").GetInt64());
        Assert.Equal(now - 5, claims.RootElement.GetProperty("nbf").GetInt64());
    }

    [Fact]
    public async Task Token_LaterRequests_ReuseTheCachedToken()
    {
        var engine = _h.Engine();
        await PollAsync(engine);
        _h.Clock.Advance(TimeSpan.FromSeconds(60));
        await PollAsync(engine);
        _h.Clock.Advance(TimeSpan.FromSeconds(60));
        await PollAsync(engine);

        Assert.Single(_h.Server.Requests.Select(r => r.Token).Distinct());
    }

    [Fact]
    public async Task Token_RenewBeforeReached_NewTokenBeforeTheOldExpires()
    {
        var engine = _h.Engine();
        await PollAsync(engine);
        _h.Clock.Advance(TimeSpan.FromSeconds(1499));
        await PollAsync(engine);
        _h.Clock.Advance(TimeSpan.FromSeconds(1));   // 300 s before the first token's exp
        var outcome = await engine.PollAsync(_h.Context(Request, upstreamRef: "kt-1"), CancellationToken.None);

        var tokens = _h.Server.Requests.Select(r => r.Token).ToList();
        Assert.Equal(tokens[0], tokens[1]);
        Assert.NotEqual(tokens[1], tokens[2]);
        Assert.Equal(Reelay.Engines.EngineOutcomeKind.Running, outcome.Kind);   // the server accepted the new token
    }

    [Fact]
    public async Task Token_RefusedAsExpired_RetriedOnceWithAFreshToken()
    {
        var engine = _h.Engine();
        await PollAsync(engine);
        _h.Clock.Advance(TimeSpan.FromSeconds(10));
        var refused = 0;
        _h.Server.Handler = (r, ctx) => Interlocked.Increment(ref refused) == 1
            ? FakeKlingServer.WriteErrorAsync(ctx, 401, 1004, "token expired")
            : FakeKlingServer.DefaultAsync(r, ctx);

        var outcome = await engine.SubmitAsync(_h.Context(Request), CancellationToken.None);

        Assert.Equal(Reelay.Engines.EngineOutcomeKind.Submitted, outcome.Kind);
        var posts = _h.Server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.NotEqual(posts[0].Token, posts[1].Token);
    }

    [Fact]
    public async Task Token_RefusedAsInvalid_NotRetried()
    {
        _h.Server.Handler = (r, ctx) => FakeKlingServer.WriteErrorAsync(ctx, 401, 1002, "signature invalid");

        var outcome = await _h.Engine().SubmitAsync(_h.Context(Request), CancellationToken.None);

        Assert.False(outcome.Retryable);
        Assert.Single(_h.Server.Requests);
    }
}
