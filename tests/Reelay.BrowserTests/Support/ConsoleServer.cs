using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Reelay.Accounts;
using Reelay.Hosting;
using Reelay.Jobs;
using Reelay.Storage;

namespace Reelay.BrowserTests.Support;

/// <summary>
/// A real Reelay server for the browser suite: Kestrel on 127.0.0.1 port 0, SQLite in a fresh temp data dir, the real
/// local engine and ffmpeg, exactly what <c>reelay serve</c> builds (console included).
/// </summary>
public sealed class ConsoleServer : IAsyncDisposable
{
    private ConsoleServer(WebApplication app, string dataDir, Uri baseAddress)
    {
        App = app;
        DataDir = dataDir;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }
    public string DataDir { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => App.Services;

    public static async Task<ConsoleServer> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"reelay-browser-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Reelay:Security:AllowLoopback"] = "true", // webhooks to the suite's own receiver
            ["Reelay:Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Reelay:Scheduler:IdlePollInterval"] = "00:00:00.200",
            ["Reelay:Scheduler:MaxConcurrency"] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        var app = ReelayHost.BuildServer(new ServerSettings { DataDir = dataDir, Urls = "http://127.0.0.1:0", Overrides = overrides });
        await ReelayHost.PrepareAsync(app.Services, null, CancellationToken.None);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConsoleServer(app, dataDir, new Uri(address));
    }

    public Task<IssuedKey> CreateKeyAsync(string name, ApiKeyRole role = ApiKeyRole.User) =>
        Services.GetRequiredService<KeyIssuer>().CreateAsync(name, role, CancellationToken.None);

    /// <summary>
    /// A queued job of <paramref name="owner"/> written straight to the store, not due for an hour: it stays queued
    /// for as long as a test needs (the scheduler leaves it alone), so canceling it is not a race with the engine.
    /// </summary>
    public async Task<VideoJob> CreateParkedJobAsync(IssuedKey owner, string prompt)
    {
        var now = DateTimeOffset.UtcNow;
        var job = new VideoJob
        {
            Id = JobIds.New(now),
            OwnerKeyId = owner.Key.Id.ToString(),
            Request = new VideoRequest { Model = "local", Prompt = prompt, DurationSeconds = 2 },
            Engine = "local",
            CreatedAt = now,
            UpdatedAt = now,
            DeadlineAt = now.AddHours(2),
            NextRunAt = now.AddHours(1),
        };
        var result = await Services.GetRequiredService<IJobStore>().CreateAsync(job, CancellationToken.None);
        return result.Job!;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file may still be held for a moment; the OS temp cleaner takes the rest.
        }
    }
}
