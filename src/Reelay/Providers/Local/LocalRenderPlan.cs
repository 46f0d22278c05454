using System.Globalization;
using Reelay.Jobs;

namespace Reelay.Providers.Local;

/// <summary>
/// The ffmpeg arguments that render one request. Inputs and outputs are relative to the job's work
/// directory (title.txt, font.ttf, start.img, end.img, raw.mp4), so no path is ever escaped into a filter graph.
/// Output: H.264 yuv420p at 24 fps, exactly duration × 24 frames, bit-exact flags for seeded determinism.
/// </summary>
public static class LocalRenderPlan
{
    public const int Fps = 24;
    public const string Output = "raw.mp4";

    private static readonly string[][] Palettes =
    [
        ["0x1e3c72", "0x2a5298", "0xf7797d"],
        ["0x0f2027", "0x2c5364", "0x7fd1ae"],
        ["0x42275a", "0x734b6d", "0xf5af19"],
        ["0x134e5e", "0x71b280", "0xf2f2c2"],
        ["0x16222a", "0x3a6073", "0xe96443"],
        ["0x2b5876", "0x4e4376", "0xffd194"],
        ["0x3e5151", "0xdecba4", "0x2c3e50"],
        ["0x000046", "0x1cb5e0", "0xff7e5f"],
    ];

    public static List<string> TextToVideo(VideoRequest r, long seed, int fontSize, bool hasFont, string preset)
    {
        var (w, h) = FrameSize.For(r.AspectRatio, r.Mode);
        var palette = Palettes[seed % Palettes.Length];
        var type = seed / Palettes.Length % 4;
        var speed = 0.006 + seed % 7 * 0.003;
        var background = $"gradients=s={Even(w / 4)}x{Even(h / 4)}:r={Fps}:c0={palette[0]}:c1={palette[1]}:c2={palette[2]}:nb_colors=3" +
                         $":seed={seed % uint.MaxValue}:speed={F(speed)}:type={type}";
        var filter = $"scale={w}:{h}:flags=bilinear";
        if (hasFont)
        {
            filter += $",drawtext=fontfile=font.ttf:textfile=title.txt:expansion=none:fontsize={fontSize}:fontcolor=white:line_spacing={fontSize / 4}" +
                      ":x=(w-text_w)/2:y='(h-text_h)/2-t*3':alpha='min(1,t/0.8)':shadowcolor=black@0.45:shadowx=2:shadowy=2";
        }
        return ["-f", "lavfi", "-i", background, "-vf", filter + ",format=yuv420p", .. Encode(r, preset)];
    }

    public static List<string> ImageToVideo(VideoRequest r, CameraMotion motion, double strength, string preset)
    {
        var (w, h) = FrameSize.For(r.AspectRatio, r.Mode);
        var frames = r.DurationSeconds * Fps;
        var last = Math.Max(1, frames - 1);
        var ease = $"(3*pow(on/{last},2)-2*pow(on/{last},3))";
        var amount = F(0.1 + 0.3 * strength);
        var (z, x, y) = motion switch
        {
            CameraMotion.ZoomIn => ($"1+{amount}*{ease}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMotion.ZoomOut => ($"1+{amount}*(1-{ease})", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMotion.PanRight => ($"1+{amount}", $"(iw-iw/zoom)*{ease}", "ih/2-(ih/zoom/2)"),
            CameraMotion.PanLeft => ($"1+{amount}", $"(iw-iw/zoom)*(1-{ease})", "ih/2-(ih/zoom/2)"),
            CameraMotion.TiltUp => ($"1+{amount}", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*(1-{ease})"),
            _ => ($"1+{amount}", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*{ease}"),
        };
        // Zoompan crops at integer source pixels; a 1.25x canvas keeps motion sub-pixel smooth in the output (and holds
        // full detail up to the default 1.25 zoom), and
        // converting to yuv420p once, before the loop, keeps the per-frame work small (benchmark B6).
        var (cw, ch) = (Even((int)(w * 1.25)), Even((int)(h * 1.25)));
        var filter = $"scale={cw}:{ch}:force_original_aspect_ratio=increase:flags=bicubic,crop={cw}:{ch},setsar=1,format=yuv420p," +
                     $"loop=loop=-1:size=1,zoompan=z='{z}':x='{x}':y='{y}':d=1:s={w}x{h}:fps={Fps}";
        return ["-framerate", $"{Fps}", "-i", "start.img", "-vf", filter, .. Encode(r, preset)];
    }

    public static List<string> Transition(VideoRequest r, string preset)
    {
        var (w, h) = FrameSize.For(r.AspectRatio, r.Mode);
        var d = r.DurationSeconds;
        var fit = $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h},setsar=1,format=yuv420p,loop=loop=-1:size=1,fps={Fps}";
        var graph = $"[0:v]{fit}[a];[1:v]{fit}[b];[a][b]xfade=transition=fade:duration={F(d * 0.6)}:offset={F(d * 0.2)}[v]";
        return ["-framerate", $"{Fps}", "-i", "start.img", "-framerate", $"{Fps}", "-i", "end.img", "-filter_complex", graph, "-map", "[v]", .. Encode(r, preset)];
    }

    private static List<string> Encode(VideoRequest r, string preset) =>
    [
        "-frames:v", (r.DurationSeconds * Fps).ToString(CultureInfo.InvariantCulture), "-r", $"{Fps}",
        "-c:v", "libx264", "-preset", preset, "-crf", "20", "-pix_fmt", "yuv420p", "-threads", "4",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1", "-movflags", "+faststart", "-an", Output,
    ];

    private static int Even(int v) => Math.Max(2, v / 2 * 2);

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
