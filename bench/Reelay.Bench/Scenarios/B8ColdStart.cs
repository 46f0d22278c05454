using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Reelay.Bench.Reporting;
using Reelay.Bench.Support;

namespace Reelay.Bench.Scenarios;

/// <summary>
/// B8: time from process start to the first 200 on /healthz of <c>dotnet reelay.dll serve</c> (Release publish,
/// fresh data dir each run: migrations, master key and admin key are part of the start). Baseline: start to exit of
/// a <c>dotnet new console</c> hello world built at bench time. Median of 5 each, runs interleaved.
/// </summary>
public sealed class B8ColdStart(string repoRoot) : IScenario
{
    private const int Runs = 5;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1.5);

    public string Id => "B8";
    public string Title => "cold start to first 200 on /healthz";

    public async Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct)
    {
        using var work = TempDir.Create("reelay-bench-b8");
        var details = new List<string>();
        var reelayDll = await PublishReelayAsync(details, ct);
        var helloDll = await BuildHelloWorldAsync(work, details, ct);

        var reelay = new List<TimeSpan>();
        var hello = new List<TimeSpan>();
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(2),
        };
        for (var i = 0; i < Runs; i++)
        {
            hello.Add(await TimeHelloAsync(helloDll, ct));
            reelay.Add(await TimeReelayAsync(reelayDll, work, http, ct));
        }

        var median = Stats.Median(reelay);
        var baseline = Stats.Median(hello);
        details.Add($"Reelay runs: {Format(reelay)}; hello-world runs: {Format(hello)} (interleaved; the OS file cache is warm after the first run).");
        details.Add("Reelay is measured from `Process.Start` of `dotnet reelay.dll serve --urls http://127.0.0.1:<free port> --data-dir <fresh dir>` " +
                    "to the first 200 on `/healthz` (polled every 5 ms); the hello world from `Process.Start` to exit.");
        return new ScenarioResult(Id, Title,
        [
            Check.AtMost($"{median.TotalSeconds:0.000} s (median of {Runs})", $"{baseline.TotalSeconds:0.000} s (hello world, median of {Runs})",
                (median / baseline).ToString("0.0×", CultureInfo.InvariantCulture), "≤ 1.5 s", median.TotalSeconds, Target.TotalSeconds, " s", "0.000"),
        ], details);
    }

    private async Task<string> PublishReelayAsync(List<string> details, CancellationToken ct)
    {
        var (dll, took) = await ReelayPublish.EnsureAsync(repoRoot, ct);
        details.Add($"`dotnet publish src/Reelay.Cli -c Release` into artifacts/bench/reelay took {took.TotalSeconds:0} s (not part of the figure; 0 when an earlier scenario published it).");
        return dll;
    }

    /// <summary><c>dotnet new console</c> + build; writes the project by hand when the template is unavailable.</summary>
    private static async Task<string> BuildHelloWorldAsync(TempDir work, List<string> details, CancellationToken ct)
    {
        var dir = Path.Combine(work.Path, "hello");
        Directory.CreateDirectory(dir);
        var created = await ProcessRunner.RunAsync("dotnet", ["new", "console", "-n", "hello", "-o", dir, "--no-restore"], dir, ct);
        if (!created.Succeeded)
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "hello.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """, ct);
            await File.WriteAllTextAsync(Path.Combine(dir, "Program.cs"), "Console.WriteLine(\"Hello, World!\");\n", ct);
        }
        var output = Path.Combine(dir, "out");
        var built = await ProcessRunner.RunAsync("dotnet",
            ["build", Path.Combine(dir, "hello.csproj"), "-c", "Release", "-o", output, "-p:UseAppHost=false", "--nologo", "-v", "quiet", "--disable-build-servers"],
            dir, ct);
        if (!built.Succeeded) throw new InvalidOperationException("hello world build failed: " + built.Output);
        details.Add($"Baseline built with {(created.Succeeded ? "`dotnet new console`" : "a hand-written csproj (`dotnet new` failed)")} + " +
                    $"`dotnet build -c Release` in {created.Elapsed.TotalSeconds + built.Elapsed.TotalSeconds:0} s (not part of the figure).");
        return Path.Combine(output, "hello.dll");
    }

    private static async Task<TimeSpan> TimeHelloAsync(string dll, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0 || !output.Contains("Hello", StringComparison.Ordinal))
            throw new InvalidOperationException($"hello world exited {process.ExitCode}: {output}");
        return elapsed;
    }

    private static async Task<TimeSpan> TimeReelayAsync(string dll, TempDir work, HttpClient http, CancellationToken ct)
    {
        var port = FreePort();
        var dataDir = Path.Combine(work.Path, "data-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo("dotnet")
        {
            // stdout carries the admin key printed at first start: read and discarded, never shown.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work.Path,
        };
        foreach (var a in new[] { dll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDir }) psi.ArgumentList.Add(a);
        var url = new Uri($"http://127.0.0.1:{port}/healthz");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var stderr = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (process.HasExited) throw new InvalidOperationException($"reelay serve exited {process.ExitCode}: {stderr}");
                try
                {
                    using var response = await http.GetAsync(url, ct);
                    if (response.StatusCode == HttpStatusCode.OK) return clock.Elapsed;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                }
                await Task.Delay(5, ct);
            }
            throw new TimeoutException("reelay serve did not answer /healthz within 30 s");
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }


    private static string Format(List<TimeSpan> values) =>
        string.Join(", ", values.Select(v => v.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s"));
}
