using System.Diagnostics;

namespace Reelay.BrowserTests.Support;

/// <summary>Images made at test time with ffmpeg's testsrc2 (nothing binary is committed).</summary>
public static class TestImages
{
    /// <summary>Writes a PNG of the given size to a fresh temp file and returns its path; the caller deletes it.</summary>
    public static async Task<string> PngAsync(int width, int height)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reelay-browser-{Guid.NewGuid():N}.png");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var a in new[] { "-nostdin", "-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=1", "-frames:v", "1", "-y", path })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not make a test image: " + err);
        return path;
    }
}
