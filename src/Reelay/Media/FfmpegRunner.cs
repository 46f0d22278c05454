using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Reelay.Media;

/// <summary>
/// The one wrapper through which Reelay runs ffmpeg and ffprobe: arguments as a list (never a shell),
/// no stdin, bounded stderr capture, the process tree killed on cancellation, and progress parsed from
/// <c>-progress pipe:1</c>.
/// </summary>
public sealed class FfmpegRunner(IOptions<MediaOptions> options)
{
    private const int ErrorTailChars = 4000;
    private readonly MediaOptions _options = options.Value;

    public MediaOptions Options => _options;

    /// <summary>Runs ffmpeg; <paramref name="onProgressSeconds"/> receives the output time reached, in seconds.</summary>
    /// <param name="workingDirectory">Where relative paths in filter graphs resolve (avoids escaping paths inside filters).</param>
    public Task<FfmpegResult> RunFfmpegAsync(IReadOnlyList<string> args, Action<double>? onProgressSeconds, CancellationToken ct, string? workingDirectory = null)
    {
        var full = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" };
        if (onProgressSeconds is not null) full.AddRange(["-progress", "pipe:1", "-nostats"]);
        full.AddRange(args);
        return RunAsync(_options.FfmpegPath, full, onProgressSeconds is null ? null : line => ParseProgress(line, onProgressSeconds), captureOutput: false, ct, workingDirectory);
    }

    /// <summary>Runs ffprobe and returns its standard output.</summary>
    public Task<FfmpegResult> RunFfprobeAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        RunAsync(_options.FfprobePath, ["-v", "error", .. args], null, captureOutput: true, ct);

    /// <summary>True when both tools start and report a version.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        try
        {
            var a = await RunAsync(_options.FfmpegPath, ["-version"], null, captureOutput: true, ct);
            var b = await RunAsync(_options.FfprobePath, ["-version"], null, captureOutput: true, ct);
            return a.Succeeded && b.Succeeded;
        }
        catch (MediaToolMissingException)
        {
            return false;
        }
    }

    private static async Task<FfmpegResult> RunAsync(string tool, IReadOnlyList<string> args, Action<string>? onLine, bool captureOutput, CancellationToken ct, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args) psi.ArgumentList.Add(a);

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new MediaToolMissingException(tool, ex);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var readOut = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
            {
                if (captureOutput) stdout.AppendLine(line);
                onLine?.Invoke(line);
            }
        }, CancellationToken.None);
        var readErr = Task.Run(async () =>
        {
            var buffer = new char[4096];
            int n;
            while ((n = await process.StandardError.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                stderr.Append(buffer, 0, n);
                if (stderr.Length > ErrorTailChars * 2) stderr.Remove(0, stderr.Length - ErrorTailChars);
            }
        }, CancellationToken.None);

        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { /* already exited */ }
            await process.WaitForExitAsync(CancellationToken.None);
            throw;
        }
        await Task.WhenAll(readOut, readErr);
        var tail = stderr.Length > ErrorTailChars ? stderr.ToString(stderr.Length - ErrorTailChars, ErrorTailChars) : stderr.ToString();
        return new FfmpegResult(process.ExitCode, stdout.ToString(), tail.Trim());
    }

    private static void ParseProgress(string line, Action<double> onProgress)
    {
        // -progress emits key=value lines; out_time_us is microseconds of output written so far.
        if (line.StartsWith("out_time_us=", StringComparison.Ordinal) &&
            long.TryParse(line.AsSpan(12), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us) && us >= 0)
            onProgress(us / 1_000_000.0);
    }
}
