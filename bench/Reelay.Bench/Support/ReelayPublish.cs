namespace Reelay.Bench.Support;

/// <summary>
/// <c>dotnet publish src/Reelay.Cli -c Release</c> into <c>artifacts/bench/reelay/</c>, once per bench run: the shipped
/// <c>reelay</c> as scenarios that need a separate server process run it (B3, B8).
/// </summary>
public static class ReelayPublish
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (string Dll, TimeSpan Took)? _done;

    /// <summary>The published <c>reelay.dll</c> and how long publishing took (zero when an earlier scenario already did it).</summary>
    public static async Task<(string Dll, TimeSpan Took)> EnsureAsync(string repoRoot, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_done is { } done) return (done.Dll, TimeSpan.Zero);
            var output = Path.Combine(repoRoot, "artifacts", "bench", "reelay");
            var result = await ProcessRunner.RunAsync("dotnet",
                ["publish", Path.Combine(repoRoot, "src", "Reelay.Cli", "Reelay.Cli.csproj"), "-c", "Release", "-o", output,
                 "-p:UseAppHost=false", "--nologo", "-v", "quiet", "--disable-build-servers"], repoRoot, ct);
            if (!result.Succeeded) throw new InvalidOperationException("dotnet publish failed: " + result.Output);
            _done = (Path.Combine(output, "reelay.dll"), result.Elapsed);
            return _done.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
