using Reelay.Engines;
using Reelay.Providers.Higgsfield;

namespace Reelay.Tests.Providers.Higgsfield.Upstream;

/// <summary>The Higgsfield upstream asks for the webhook only when Reelay's public base URL is known.</summary>
public sealed class HiggsfieldEngineWebhookTests : IAsyncLifetime
{
    private HiggsfieldEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await HiggsfieldEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submit_WithPublicBaseUrl_AsksForWebhookToUpstreamCallbackWithFreshSecret()
    {
        var engine = _h.Engine(publicBaseUrl: "https://reelay.example/");
        var first = await engine.SubmitAsync(_h.Context(HiggsfieldEngineHarness.TextRequest(), id: "job_a"), CancellationToken.None);
        var second = await engine.SubmitAsync(_h.Context(HiggsfieldEngineHarness.TextRequest(), id: "job_b"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, first.Kind);
        Assert.Equal(EngineOutcomeKind.Submitted, second.Kind);
        var (a, b) = (_h.Emulator.Received[0], _h.Emulator.Received[1]);
        Assert.Equal("https://reelay.example/v1/upstream-callbacks/higgsfield/job_a", a.Webhook?.Url);
        Assert.Equal("https://reelay.example/v1/upstream-callbacks/higgsfield/job_b", b.Webhook?.Url);
        var secretA = a.Extension(HiggsfieldRequestReader.WebhookSecretExtension);
        var secretB = b.Extension(HiggsfieldRequestReader.WebhookSecretExtension);
        Assert.False(string.IsNullOrEmpty(secretA));
        Assert.True(secretA!.Length >= 32, "the secret carries at least 128 random bits");
        Assert.NotEqual(secretA, secretB);
    }

    [Fact]
    public async Task Submit_WithoutPublicBaseUrl_SendsNoWebhook()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(HiggsfieldEngineHarness.TextRequest()), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        var received = Assert.Single(_h.Emulator.Received);
        Assert.Null(received.Webhook);
        Assert.Null(received.Extension(HiggsfieldRequestReader.WebhookSecretExtension));
    }
}
