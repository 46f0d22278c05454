using System.Globalization;
using System.Text.Json;

namespace Reelay.Bench.Support;

/// <summary>ffmpeg/ffprobe as processes: test media at run time and the facts of a produced file.</summary>
public static class MediaTool
{
    public sealed record VideoFacts(int Width, int Height, double Duration, string FrameRate, int Frames, string Codec, string PixelFormat);

    public static async Task RunFfmpegAsync(IEnumerable<string> args, CancellationToken ct)
    {
        var r = await ProcessRunner.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", .. args], null, ct);
        if (!r.Succeeded) throw new InvalidOperationException("ffmpeg failed: " + r.Output);
    }

    public static async Task<VideoFacts> ProbeAsync(string path, CancellationToken ct)
    {
        var r = await ProcessRunner.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
             "stream=width,height,r_frame_rate,nb_read_packets,codec_name,pix_fmt:format=duration", "-of", "json", path], null, ct);
        if (!r.Succeeded) throw new InvalidOperationException("ffprobe failed: " + r.Output);
        using var doc = JsonDocument.Parse(r.Output);
        var s = doc.RootElement.GetProperty("streams")[0];
        var duration = double.Parse(doc.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return new VideoFacts(
            s.GetProperty("width").GetInt32(),
            s.GetProperty("height").GetInt32(),
            duration,
            s.GetProperty("r_frame_rate").GetString()!,
            int.Parse(s.GetProperty("nb_read_packets").GetString()!, CultureInfo.InvariantCulture),
            s.GetProperty("codec_name").GetString()!,
            s.GetProperty("pix_fmt").GetString()!);
    }
}
