using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>One Reelay server and one callback receiver shared by a Kling test class (keeps the suite fast).</summary>
public sealed class KlingServerFixture : IAsyncLifetime
{
    public ReelayTestServer Server { get; private set; } = null!;
    public WebhookSink Sink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sink = await WebhookSink.StartAsync();
        Server = await ReelayTestServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
