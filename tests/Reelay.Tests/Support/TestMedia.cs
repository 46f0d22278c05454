using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Reelay.Tests.Support;

/// <summary>
/// Test-time media: generates images and clips with ffmpeg (testsrc2, sine) and measures them with ffprobe,
/// independently of the product's own ffmpeg wrapper so tests do not trust the code under test.
/// </summary>
public static class TestMedia
{
    private static readonly Lazy<string> Encoders = new(() => Run("ffmpeg", ["-hide_banner", "-encoders"]).Stdout);

    /// <summary>True when this ffmpeg build has the named encoder (e.g. libwebp).</summary>
    public static bool HasEncoder(string name) =>
        Encoders.Value.Split('\n').Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 1 } p && p[1] == name);

    /// <summary>Runs ffmpeg and throws with its stderr when it fails.</summary>
    public static void Ffmpeg(params string[] args)
    {
        var r = Run("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. args]);
        if (r.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + r.Stderr);
    }

    /// <summary>A testsrc2 still image; the encoder follows the extension (png, jpg, webp) unless <paramref name="codecArgs"/> say otherwise.</summary>
    public static string Image(string path, int width, int height, params string[] codecArgs)
    {
        Ffmpeg(["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=1", "-frames:v", "1", .. codecArgs, "-update", "1", path]);
        return path;
    }

    /// <summary>A testsrc2 H.264 clip, optionally with a sine AAC audio track.</summary>
    public static string Video(string path, int width, int height, double seconds, bool audio)
    {
        var d = seconds.ToString(CultureInfo.InvariantCulture);
        List<string> args = ["-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=24:duration={d}"];
        if (audio) args.AddRange(["-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={d}"]);
        args.AddRange(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]);
        if (audio) args.AddRange(["-c:a", "aac", "-shortest"]);
        args.Add(path);
        Ffmpeg([.. args]);
        return path;
    }

    /// <summary>ffprobe's view of a file's streams, with frames counted by decoding.</summary>
    public static ProbedMedia Probe(string path)
    {
        var r = Run("ffprobe", ["-v", "error", "-count_frames", "-print_format", "json", "-show_entries",
            "stream=codec_type,codec_name,pix_fmt,width,height,nb_read_frames:format=duration,format_name", path]);
        if (r.ExitCode != 0) throw new InvalidOperationException("ffprobe failed: " + r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var streams = new List<ProbedStream>();
        foreach (var s in doc.RootElement.GetProperty("streams").EnumerateArray())
        {
            streams.Add(new ProbedStream(
                s.GetProperty("codec_type").GetString()!,
                s.TryGetProperty("codec_name", out var c) ? c.GetString() : null,
                s.TryGetProperty("pix_fmt", out var p) ? p.GetString() : null,
                s.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
                s.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
                s.TryGetProperty("nb_read_frames", out var f) && int.TryParse(f.GetString(), CultureInfo.InvariantCulture, out var n) ? n : null));
        }
        var format = doc.RootElement.GetProperty("format");
        double? duration = format.TryGetProperty("duration", out var d) && double.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var sec) ? sec : null;
        return new ProbedMedia(streams, duration, format.GetProperty("format_name").GetString()!);
    }

    /// <summary>Frame number <paramref name="index"/> (0-based) as 8-bit grey pixels, width × height bytes after scaling.</summary>
    public static byte[] GreyFrame(string video, int index, int width, int height)
    {
        var psi = Start("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", video,
            "-vf", $"select=eq(n\\,{index}),scale={width}:{height}:flags=area,format=gray", "-frames:v", "1", "-f", "rawvideo", "pipe:1"]);
        using var p = Process.Start(psi)!;
        using var buffer = new MemoryStream();
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(buffer);
        p.WaitForExit();
        if (p.ExitCode != 0 || buffer.Length != width * height)
            throw new InvalidOperationException($"frame extraction failed ({buffer.Length} bytes): {err.Result}");
        return buffer.ToArray();
    }

    /// <summary>Mean absolute difference of two equally sized grey frames (0 = identical, 255 = inverse).</summary>
    public static double MeanAbsDiff(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    /// <summary>Top-level MP4 box types in file order (ftyp, moov, mdat, ...).</summary>
    public static IReadOnlyList<string> TopLevelBoxes(string path)
    {
        var boxes = new List<string>();
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        while (position + 8 <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (size == 1)
            {
                file.ReadExactly(header.Slice(8, 8));
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.Slice(8, 8));
            }
            else if (size == 0) size = file.Length - position;
            if (size < 8) throw new InvalidDataException($"bad box size {size} for '{type}' at {position}");
            boxes.Add(type);
            position += size;
        }
        return boxes;
    }

    /// <summary>ffmpeg processes whose working directory is <paramref name="directory"/> (Linux /proc).</summary>
    public static IReadOnlyList<int> FfmpegProcessesIn(string directory)
    {
        var found = new List<int>();
        var target = Path.GetFullPath(directory).TrimEnd('/');
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "ffmpeg") continue;
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                if (state[(state.LastIndexOf(')') + 2)..].StartsWith('Z')) continue; // zombie: already dead
                var cwd = new FileInfo(Path.Combine(dir, "cwd")).LinkTarget;
                if (cwd is not null && cwd.TrimEnd('/') == target) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string tool, IReadOnlyList<string> args)
    {
        using var p = Process.Start(Start(tool, args))!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output, err.Result);
    }

    private static ProcessStartInfo Start(string tool, IReadOnlyList<string> args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return psi;
    }
}
