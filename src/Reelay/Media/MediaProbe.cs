using System.Globalization;
using System.Text.Json;

namespace Reelay.Media;

/// <summary>Measures media files with ffprobe.</summary>
public sealed class MediaProbe(FfmpegRunner runner)
{
    /// <summary>Probes <paramref name="path"/>; null when ffprobe cannot read it as media.</summary>
    public async Task<MediaInfo?> ProbeAsync(string path, CancellationToken ct)
    {
        var result = await runner.RunFfprobeAsync(
            ["-print_format", "json", "-show_entries", "stream=codec_type,codec_name,width,height,nb_frames:format=duration", path], ct);
        if (!result.Succeeded) return null;
        try
        {
            using var doc = JsonDocument.Parse(result.Output);
            var root = doc.RootElement;
            JsonElement? video = null;
            var hasAudio = false;
            if (root.TryGetProperty("streams", out var streams))
            {
                foreach (var s in streams.EnumerateArray())
                {
                    var type = s.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                    if (type == "video" && video is null) video = s;
                    if (type == "audio") hasAudio = true;
                }
            }
            if (video is not { } v) return null;
            double? duration = null;
            if (root.TryGetProperty("format", out var format) && format.TryGetProperty("duration", out var d) &&
                double.TryParse(d.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                duration = seconds;
            int? frames = v.TryGetProperty("nb_frames", out var nf) && int.TryParse(nf.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
            return new MediaInfo(
                duration,
                v.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
                v.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
                v.TryGetProperty("codec_name", out var c) ? c.GetString() : null,
                new FileInfo(path).Length,
                hasAudio,
                frames);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
