using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Client;
using Reelay.Hosting;

namespace Reelay.IntegrationTests.Support;

/// <summary>
/// A real Reelay server for one test: Kestrel on 127.0.0.1 port 0, a SQLite file in a fresh temp data dir,
/// the real local engine and ffmpeg. Loopback is allowed for image URLs and webhooks (tests only).
/// </summary>
public sealed class ReelayTestServer : IAsyncDisposable
{
    private ReelayTestServer(WebApplication app, string dataDir, Uri baseAddress)
    {
        App = app;
        DataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }
    public string DataDir { get; }
    public Uri BaseAddress { get; }
    public IssuedKey Admin { get; private set; } = null!;
    public IssuedKey User { get; private set; } = null!;
    public IServiceProvider Services => App.Services;

    /// <param name="urls">Where to listen; a fixed port lets a test set Reelay:PublicBaseUrl before start.</param>
    /// <param name="services">Applied after Reelay's registrations, e.g. a <see cref="TimeProvider"/> the test steps.</param>
    public static async Task<ReelayTestServer> StartAsync(IDictionary<string, string?>? settings = null, string? dataDir = null, string urls = "http://127.0.0.1:0",
        Action<IServiceCollection>? services = null)
    {
        dataDir ??= TempDirs.Create("reelay-it");
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
            ["Reelay:Scheduler:MaxConcurrency"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        if (settings is not null)
        {
            foreach (var (k, v) in settings) overrides[k] = v;
        }
        var app = ReelayHost.BuildServer(new ServerSettings { DataDir = dataDir, Urls = urls, Overrides = overrides, ConfigureServices = services });
        await ReelayHost.PrepareAsync(app.Services, null, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new ReelayTestServer(app, dataDir, new Uri(address));
        var issuer = app.Services.GetRequiredService<KeyIssuer>();
        server.Admin = await issuer.CreateAsync("admin", ApiKeyRole.Admin, CancellationToken.None);
        server.User = await issuer.CreateAsync("user", ApiKeyRole.User, CancellationToken.None);
        return server;
    }

    public Task<IssuedKey> CreateKeyAsync(string name, ApiKeyRole role = ApiKeyRole.User) =>
        Services.GetRequiredService<KeyIssuer>().CreateAsync(name, role, CancellationToken.None);

    /// <summary>An HttpClient on the server authenticated as <paramref name="key"/> (none when null).</summary>
    /// <remarks>
    /// A request sent with <c>Expect: 100-continue</c> waits up to 30 s for the server's interim answer before sending
    /// its body (the default 1 s runs out on a loaded machine, and an oversized body then meets a closed connection).
    /// </remarks>
    public HttpClient Http(IssuedKey? key = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Token);
        return client;
    }

    public VideosClient Sdk(IssuedKey key) => new(new VideosClientOptions
    {
        Endpoint = BaseAddress,
        ApiKey = key.Token,
        PollInterval = TimeSpan.FromMilliseconds(200),
        MinPollInterval = TimeSpan.FromMilliseconds(50),
    });

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        TempDirs.Delete(DataDir);
    }
}
