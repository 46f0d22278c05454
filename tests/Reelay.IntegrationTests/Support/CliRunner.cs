using System.Diagnostics;

namespace Reelay.IntegrationTests.Support;

/// <summary>Runs the real <c>reelay</c> executable as a user would, capturing exit code and both streams.</summary>
public static class CliRunner
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        psi.ArgumentList.Add(ReelayProcess.ExecutablePath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
