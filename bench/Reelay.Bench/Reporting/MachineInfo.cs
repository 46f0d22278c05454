using System.Runtime.InteropServices;
using Reelay.Bench.Support;

namespace Reelay.Bench.Reporting;

/// <summary>Where and what was measured: date, cores, memory as /proc/meminfo reports it, commit, runtimes.</summary>
public sealed record MachineInfo(DateTimeOffset Date, int Cores, string Memory, string Commit, string Runtime, string Os, string Ffmpeg)
{
    public static async Task<MachineInfo> CollectAsync(string repoRoot, CancellationToken ct)
    {
        var commit = await ProcessRunner.RunAsync("git", ["-C", repoRoot, "log", "-1", "--format=%h %s"], null, ct);
        var dirty = await ProcessRunner.RunAsync("git", ["-C", repoRoot, "status", "--porcelain", "--untracked-files=no"], null, ct);
        var ffmpeg = await SafeRunAsync("ffmpeg", ["-hide_banner", "-version"], ct);
        return new MachineInfo(
            TimeProvider.System.GetUtcNow(),
            Environment.ProcessorCount,
            ReadMemTotal(),
            commit.Succeeded ? commit.Output.Trim() + (dirty.Output.Trim().Length > 0 ? " (+ uncommitted changes)" : "") : "unknown",
            $".NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier})",
            RuntimeInformation.OSDescription,
            ffmpeg?.Split('\n')[0].Trim() ?? "not found");
    }

    private static string ReadMemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is null) return "unknown";
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
            return $"{kb / 1024.0 / 1024.0:0.0} GiB (MemTotal {kb:N0} kB)";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static async Task<string?> SafeRunAsync(string file, string[] args, CancellationToken ct)
    {
        try
        {
            var r = await ProcessRunner.RunAsync(file, args, null, ct);
            return r.Succeeded ? r.Output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
