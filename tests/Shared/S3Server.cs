using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Reelay.Storage.Blobs.S3;

namespace Reelay.TestSupport;

/// <summary>
/// A real S3-compatible server (s3rver, tools/s3rver) on 127.0.0.1 and a free port over a temp directory: one process
/// per test run, started on first use and stopped at process exit; should the test host die instead, the server sees
/// its stdin close and exits by itself, deleting its directory. Each test class takes its own bucket from <see cref="CreateBucketAsync"/>.
/// Linked into both test projects (unit and integration).
/// </summary>
public sealed class S3Server : IDisposable
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly Lazy<Task<S3Server>> Shared = new(StartAsync);
    private readonly string _directory;
    private Process _process;

    private S3Server(Process process, string directory, Uri endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The run's server, started when first asked for.</summary>
    public static Task<S3Server> GetAsync() => Shared.Value;

    /// <summary>A server of the caller's own (not the run's shared one), e.g. to stop and restart it; dispose it when done.</summary>
    public static Task<S3Server> StartOwnAsync() => StartAsync();

    /// <summary>Kills the server as a crash would (SIGKILL), keeping its data directory; <see cref="RestartAsync"/> brings it back.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts the killed server again on the same port over the same data.</summary>
    public async Task RestartAsync()
    {
        _process.Dispose();
        (_process, _) = await LaunchAsync(_directory, Endpoint.Port);
    }

    /// <summary>Options for a new, empty bucket of this server named <paramref name="prefix"/> (lower case, at most 30 characters) + a unique suffix.</summary>
    public async Task<S3BlobStoreOptions> CreateBucketAsync(string prefix, int partSizeMb = 5)
    {
        var options = new S3BlobStoreOptions
        {
            Endpoint = Endpoint.ToString().TrimEnd('/'),
            Bucket = $"{prefix}-{Guid.NewGuid():N}",
            ForcePathStyle = true,
            AccessKey = AccessKey,
            SecretKey = SecretKey,
            PartSizeMb = partSizeMb,
        };
        using var store = Store(options);
        await store.EnsureBucketAsync(CancellationToken.None);
        return options;
    }

    /// <summary>A store on <paramref name="options"/>' bucket.</summary>
    public static S3BlobStore Store(S3BlobStoreOptions options, TimeProvider? time = null) =>
        new(S3ClientFactory.Create(options), options, time ?? TimeProvider.System, NullLogger<S3BlobStore>.Instance);

    private static async Task<S3Server> StartAsync()
    {
        var tool = Path.Combine(RepositoryRoot.Find(), "tools", "s3rver");
        if (!Directory.Exists(Path.Combine(tool, "node_modules", "s3rver")))
            throw new InvalidOperationException($"s3rver is not installed in {tool}: run scripts/ensure-deps.sh test (npm ci --prefix tools/s3rver)");
        var directory = Path.Combine(Path.GetTempPath(), $"reelay-s3rver-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var (process, port) = await LaunchAsync(directory, 0);
        var server = new S3Server(process, directory, new Uri($"http://127.0.0.1:{port}"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    /// <summary>Starts s3rver over <paramref name="directory"/> on <paramref name="port"/> (0: any) and waits until it listens.</summary>
    private static async Task<(Process Process, string Port)> LaunchAsync(string directory, int port)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepositoryRoot.Find(), "tools", "s3rver"),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "serve.js", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("s3rver did not start within 30 s");
        }
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
            throw new InvalidOperationException($"s3rver failed to start: {line} {await errors}");
        return (process, line["listening ".Length..]);
    }

    /// <summary>Closes the server's stdin, on which it deletes its directory and exits; kills it if it lingers.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
    }
}
