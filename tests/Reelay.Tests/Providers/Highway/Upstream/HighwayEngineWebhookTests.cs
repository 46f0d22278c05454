using Reelay.Engines;

namespace Reelay.Tests.Providers.Highway.Upstream;

/// <summary>The Highway upstream asks for Novita's webhook (<c>extra.webhook.url</c>) only when Reelay's public base URL is known.</summary>
public sealed class HighwayEngineWebhookTests : IAsyncLifetime
{
    private HighwayEngineHarness _h = null!;

    public async Task InitializeAsync() => _h = await HighwayEngineHarness.StartAsync();
    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Submit_WithPublicBaseUrl_AsksForWebhookToUpstreamCallback()
    {
        var outcome = await _h.Engine(publicBaseUrl: "https://reelay.example").SubmitAsync(
            _h.Context(HighwayEngineHarness.TextRequest(), id: "job_hw1"), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Equal("https://reelay.example/v1/upstream-callbacks/highway/job_hw1", Assert.Single(_h.Emulator.Received).Webhook?.Url);
    }

    [Fact]
    public async Task Submit_WithoutPublicBaseUrl_SendsNoWebhook()
    {
        var outcome = await _h.Engine().SubmitAsync(_h.Context(HighwayEngineHarness.TextRequest()), CancellationToken.None);

        Assert.Equal(EngineOutcomeKind.Submitted, outcome.Kind);
        Assert.Null(Assert.Single(_h.Emulator.Received).Webhook);
    }
}
