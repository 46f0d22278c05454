using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reelay.Accounts;
using Reelay.Bench.Support;
using Reelay.Hosting;

namespace Reelay.Bench.Servers;

/// <summary>
/// Reelay's real server (ReelayHost.BuildServer: Kestrel, auth, SQLite store, scheduler, webhook dispatcher)
/// on 127.0.0.1 port 0 in this process, with a fresh temp data dir and the no-op engine as default.
/// Logging is at Warning so console output does not become the bottleneck.
/// </summary>
public sealed class ReelayInProcess : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDir _dataDir;

    private ReelayInProcess(WebApplication app, TempDir dataDir, Uri baseAddress, IssuedKey key)
    {
        _app = app;
        _dataDir = dataDir;
        BaseAddress = baseAddress;
        Key = key;
    }

    public Uri BaseAddress { get; }

    /// <summary>A user key the load runs with (created after start; never printed).</summary>
    public IssuedKey Key { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The server's data dir (its SQLite file is <c>reelay.db</c> there).</summary>
    public string DataDir => _dataDir.Path;

    public static async Task<ReelayInProcess> StartAsync(CancellationToken ct, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var dataDir = TempDir.Create("reelay-bench");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:EnableNoopEngine"] = "true",
            ["Reelay:DefaultEngine"] = "noop",
            // The noop engine does no CPU work: more steps in flight let the scheduler keep pace with creates.
            ["Reelay:Scheduler:MaxConcurrency"] = "32",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        if (extra is not null)
        {
            foreach (var (k, v) in extra) overrides[k] = v;
        }
        var app = ReelayHost.BuildServer(new ServerSettings { DataDir = dataDir.Path, Urls = "http://127.0.0.1:0", Overrides = overrides });
        await ReelayHost.PrepareAsync(app.Services, null, ct);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var key = await app.Services.GetRequiredService<KeyIssuer>().CreateAsync("bench", ApiKeyRole.User, ct);
        return new ReelayInProcess(app, dataDir, new Uri(address), key);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dataDir.Dispose();
    }
}
