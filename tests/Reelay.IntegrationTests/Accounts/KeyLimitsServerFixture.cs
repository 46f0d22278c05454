using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Accounts;

/// <summary>
/// One server for the key-limit tests, with the scheduler off: created jobs stay queued, so a key's unfinished-job
/// count is exactly what the test created (no job finishes behind its back).
/// </summary>
public sealed class KeyLimitsServerFixture : IAsyncLifetime
{
    public ReelayTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await ReelayTestServer.StartAsync(new Dictionary<string, string?> { ["Reelay:Scheduler:Enabled"] = "false" });

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>A fresh user key with <paramref name="limits"/>, so tests never share a rate bucket or a job count.</summary>
    public Task<IssuedKey> KeyAsync(KeyLimits limits) =>
        Server.Services.GetRequiredService<KeyIssuer>().CreateAsync("limited-" + Guid.NewGuid().ToString("N")[..8], ApiKeyRole.User, limits, CancellationToken.None);
}
