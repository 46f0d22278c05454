using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reelay.IntegrationTests.Support;

/// <summary>Independent ffprobe reader for assertions (deliberately not the product's own wrapper).</summary>
public static class Ffprobe
{
    public sealed record Info(string Codec, int Width, int Height, double Duration, int Frames, string FormatName);

    public static async Task<Info> ProbeAsync(string path)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                     "stream=codec_name,width,height,nb_read_frames:format=duration,format_name", "-of", "json", path })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var json = await p.StandardOutput.ReadToEndAsync();
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffprobe failed on {path}: {err}");
        using var doc = JsonDocument.Parse(json);
        var s = doc.RootElement.GetProperty("streams")[0];
        var f = doc.RootElement.GetProperty("format");
        int frames = s.TryGetProperty("nb_read_frames", out var nf) ? int.Parse(nf.GetString()!, CultureInfo.InvariantCulture) : -1;
        double duration = f.TryGetProperty("duration", out var d) ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture) : 0;
        return new Info(s.GetProperty("codec_name").GetString()!, s.GetProperty("width").GetInt32(), s.GetProperty("height").GetInt32(),
            duration, frames, f.GetProperty("format_name").GetString()!);
    }
}
