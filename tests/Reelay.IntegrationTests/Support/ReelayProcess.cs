using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reelay.IntegrationTests.Support;

/// <summary>
/// The real <c>reelay</c> executable in its own process (the build output next to the tests), so a test can
/// kill it with SIGKILL and start it again on the same data directory.
/// </summary>
public sealed class ReelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ReelayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int Pid => _process.Id;

    public static string ExecutablePath => Path.Combine(AppContext.BaseDirectory, "reelay.dll");

    /// <param name="environment">Extra environment variables (e.g. <c>Reelay__Upstreams__0__SecretKey</c>: secrets kept off the command line).</param>
    public static async Task<ReelayProcess> StartServeAsync(string dataDir, IDictionary<string, string> settings, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(ExecutablePath);
        psi.ArgumentList.Add("serve");
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.ArgumentList.Add("--data-dir");
        psi.ArgumentList.Add(dataDir);
        foreach (var (k, v) in settings) psi.ArgumentList.Add($"--{k}={v}");
        psi.Environment["DOTNET_gcServer"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var rp = Launch(psi, port);

        using var http = new HttpClient { BaseAddress = rp.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (rp._process.HasExited) throw new InvalidOperationException($"reelay exited with {rp._process.ExitCode}:\n{rp.Output}");
            try
            {
                using var r = await http.GetAsync("/healthz");
                if (r.StatusCode == HttpStatusCode.OK) return rp;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"reelay did not answer /healthz:\n{rp.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// <c>reelay emulate &lt;provider&gt; --port &lt;port&gt; [args]</c> in its own process, returned once the port accepts
    /// connections, so a test can kill a real upstream the way a crash or an outage does.
    /// </summary>
    public static async Task<ReelayProcess> StartEmulatorAsync(string provider, int port, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { ExecutablePath, "emulate", provider, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(args))
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_gcServer"] = "0";
        var rp = Launch(psi, port);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (rp._process.HasExited) throw new InvalidOperationException($"reelay emulate exited with {rp._process.ExitCode}:\n{rp.Output}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return rp;
            }
            catch (SocketException) { }
            if (DateTime.UtcNow > until) throw new TimeoutException($"reelay emulate did not listen on {port}:\n{rp.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Starts the process with its output captured into <see cref="Output"/>.</summary>
    private static ReelayProcess Launch(ProcessStartInfo psi, int port)
    {
        var process = Process.Start(psi)!;
        var rp = new ReelayProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (rp._output) rp._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (rp._output) rp._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return rp;
    }

    /// <summary>The admin token the first start printed (only on an empty store).</summary>
    public string? PrintedToken() =>
        Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("token ", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>SIGTERM (what systemd, Docker and Kubernetes send), then waits up to <paramref name="timeout"/> for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return _process.ExitCode;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
