using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Reelay.Accounts;
using Reelay.Hosting;

namespace Reelay.Reliability.Faults;

/// <summary>
/// A real Reelay server for one fault scenario: <c>ReelayHost.BuildServer</c> in this process (Kestrel on 127.0.0.1:0,
/// the scheduler on), its data in a temp dir, plus a user key and an HTTP client bound to it. In-process rather than
/// a child <c>reelay serve</c>: every fault here is in a dependency (database, blob store, disk, ffmpeg, upstream,
/// clock), none in the process itself, and the clock scenario needs to hand the server a <see cref="TimeProvider"/>.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FaultServer(WebApplication app, DirectoryInfo dataDir, Uri address, string token)
    {
        _app = app;
        DataDir = dataDir;
        Address = address;
        Http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 32 })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public DirectoryInfo DataDir { get; }
    public Uri Address { get; }
    /// <summary>Authenticated as the scenario's user key; no client timeout (callers bound each request themselves).</summary>
    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts on <paramref name="dataDir"/>, which the server deletes when disposed.</summary>
    public static async Task<FaultServer> StartAsync(DirectoryInfo dataDir, IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configure,
        CancellationToken ct)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:MaxConcurrency"] = "4",
            ["Reelay:Scheduler:RetryDelay"] = "00:00:00.500",
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
            ["Reelay:Media:Preset"] = "ultrafast",
            // Faults are expected to log errors by the hundred; the figures say what matters.
            ["Logging:LogLevel:Default"] = "None",
        };
        foreach (var (k, v) in overrides) settings[k] = v;
        var app = ReelayHost.BuildServer(new ServerSettings
        {
            DataDir = dataDir.FullName,
            Urls = "http://127.0.0.1:0",
            Overrides = settings,
            ConfigureServices = configure,
        });
        try
        {
            await ReelayHost.PrepareAsync(app.Services, null, ct);
            await app.StartAsync(ct);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var issued = await app.Services.GetRequiredService<KeyIssuer>().CreateAsync("faults", ApiKeyRole.User, ct);
            return new FaultServer(app, dataDir, address, issued.Token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try { await _app.StopAsync(stop.Token); }
            catch (OperationCanceledException) { }
        }
        await _app.DisposeAsync();
        try { DataDir.Delete(recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
