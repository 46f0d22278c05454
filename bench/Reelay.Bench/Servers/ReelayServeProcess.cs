using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reelay.Bench.Servers;

/// <summary>
/// The published <c>reelay serve</c> in its own process (workstation GC, as shipped), so its memory is measured
/// alone from <c>/proc/&lt;pid&gt;/status</c>. Settings are passed as <c>--Key=value</c>. The admin key it prints on
/// first start is captured from stdout and never shown.
/// </summary>
public sealed class ReelayServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ReelayServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;

    /// <summary>Stdout and stderr so far, with the admin key line removed.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join('\n', _output.ToString().Split('\n').Where(l => !l.TrimStart().StartsWith("token ", StringComparison.Ordinal)));
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>dotnet reelay.dll serve</c> on 127.0.0.1:<paramref name="port"/> and waits for 200 on /healthz.</summary>
    public static async Task<ReelayServeProcess> StartAsync(string dll, string dataDir, int port, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in settings) psi.ArgumentList.Add($"--{k}={v}");
        psi.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start reelay");
        var server = new ReelayServeProcess(process, new Uri($"http://127.0.0.1:{port}"));
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
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"reelay did not answer /healthz:\n{server.Output}");
            await Task.Delay(50, ct);
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

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            // Keep the start (admin key) and a bounded tail: a noisy server must not grow the bench's memory.
            if (_output.Length > 1 << 20) _output.Remove(4096, _output.Length - (1 << 19));
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
