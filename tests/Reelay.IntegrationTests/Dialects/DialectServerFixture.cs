using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects;

/// <summary>One real Reelay server shared by the tests of a dialect conformance class (starting one per test costs more than the tests).</summary>
public sealed class DialectServerFixture : IAsyncLifetime
{
    public ReelayTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ReelayTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
