using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reelay.Reliability.Crash;

/// <summary>
/// The real <c>reelay serve</c> (the Release build next to this program) as a child process on a fresh loopback
/// port, so the campaign can SIGKILL it — no shutdown code runs, exactly like a crash or an OOM kill — and start it
/// again on the same data. The admin key it prints on first start is read from stdout and never shown.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "reelay.dll");

    /// <summary>Stdout and stderr so far (bounded), without the admin key line.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output.ToString().Split('\n').Where(l => !l.TrimStart().StartsWith("token ", StringComparison.Ordinal)));
        }
    }

    /// <summary>Starts the server and returns once <c>/healthz</c> answers 200.</summary>
    public static async Task<ServeProcess> StartAsync(string dataDir, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ExecutablePath, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in settings) psi.ArgumentList.Add($"--{k}={v}");
        psi.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start reelay");
        var server = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new InvalidOperationException($"reelay exited with {process.ExitCode}:\n{server.Output}");
            try
            {
                using var r = await http.GetAsync("/healthz", ct);
                if (r.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            if (clock.Elapsed > StartDeadline) throw new TimeoutException($"reelay did not answer /healthz:\n{server.Output}");
            await Task.Delay(25, ct);
        }
    }

    /// <summary>The admin key printed on first start (an empty store), or null.</summary>
    public string? AdminToken()
    {
        lock (_output)
        {
            return _output.ToString().Split('\n').Select(l => l.Trim())
                .FirstOrDefault(l => l.StartsWith("token ", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        }
    }

    /// <summary>SIGKILL, then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_disposed || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _disposed = true;
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            if (_output.Length > 1 << 20) _output.Remove(4096, _output.Length - (1 << 19));
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
