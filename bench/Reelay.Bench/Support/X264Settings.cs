using System.Text;

namespace Reelay.Bench.Support;

/// <summary>
/// The encoder settings x264 writes into every stream it makes (an SEI "x264 - core ... options: ..."), and the
/// preset they correspond to, so a baseline can be encoded with the same preset the engine used and the report
/// can show that it was.
/// </summary>
public sealed record X264Settings(IReadOnlyDictionary<string, string> Options)
{
    // subme / ref / me of x264's presets at their defaults (x264 --fullhelp). Tunes leave these three alone.
    private static readonly (string Preset, string Subme, string Ref, string Me)[] Presets =
    [
        ("ultrafast", "0", "1", "dia"), ("superfast", "1", "1", "dia"), ("veryfast", "2", "1", "hex"),
        ("faster", "4", "2", "hex"), ("fast", "6", "2", "hex"), ("medium", "7", "3", "hex"),
        ("slow", "8", "5", "umh"), ("slower", "9", "8", "umh"), ("veryslow", "10", "16", "umh"), ("placebo", "11", "16", "tesa"),
    ];

    /// <summary>Reads the settings from an H.264 file made by x264; null when there are none (another encoder).</summary>
    public static X264Settings? Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var marker = "x264 - core"u8;
        var at = bytes.AsSpan().IndexOf(marker);
        if (at < 0) return null;
        var end = bytes.AsSpan(at).IndexOf((byte)0);
        var text = Encoding.ASCII.GetString(bytes, at, end < 0 ? Math.Min(4096, bytes.Length - at) : end);
        var options = text.IndexOf("options:", StringComparison.Ordinal) is var i and >= 0 ? text[(i + 8)..] : "";
        var dict = options.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(o => o.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return new X264Settings(dict);
    }

    public string? Get(string key) => Options.GetValueOrDefault(key);

    /// <summary>The preset whose subme/ref/me these settings match, or null.</summary>
    public string? Preset => Presets.FirstOrDefault(p => Get("subme") == p.Subme && Get("ref") == p.Ref && Get("me") == p.Me).Preset;

    /// <summary>The settings that decide encode time, for the report.</summary>
    public string Summary =>
        $"preset≈{Preset ?? "?"} (subme={Get("subme")} ref={Get("ref")} me={Get("me")}), rc={Get("rc")}" +
        (Get("crf") is { } crf ? $" crf={crf}" : "") + $", threads={Get("threads")}";
}
