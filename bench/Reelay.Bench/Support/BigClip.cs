using System.Buffers.Binary;

namespace Reelay.Bench.Support;

/// <summary>
/// A valid MP4 of exactly the requested size: a 5 s 1280×720 testsrc2 clip (moov first) followed by one top-level
/// <c>free</c> box of pseudo-random filler. ffprobe reads it as the 5 s video, so it passes ingest validation, and
/// it costs seconds to make instead of minutes of encoding. Cached under <c>artifacts/bench/</c>.
/// </summary>
public static class BigClip
{
    public static async Task<string> EnsureAsync(string repoRoot, long size, CancellationToken ct)
    {
        var dir = Path.Combine(repoRoot, "artifacts", "bench");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"b5-{size}.mp4");
        if (File.Exists(path) && new FileInfo(path).Length == size) return path;

        var head = Path.Combine(dir, "b5-head.mp4");
        var encoded = await ProcessRunner.RunAsync("ffmpeg",
            ["-y", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=24", "-frames:v", "120",
             "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", head], dir, ct);
        if (!encoded.Succeeded) throw new InvalidOperationException("ffmpeg failed: " + encoded.Output);

        var tmp = path + ".tmp";
        await using (var output = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
        {
            await using (var input = File.OpenRead(head)) await input.CopyToAsync(output, ct);
            var padding = size - output.Length;
            if (padding < 8 || padding > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(size), "size must leave room for one 32-bit free box");
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)padding);
            "free"u8.CopyTo(header.AsSpan(4));
            await output.WriteAsync(header, ct);
            var block = new byte[1 << 20];
            new Random(5).NextBytes(block);
            for (var left = padding - 8; left > 0; left -= block.Length)
                await output.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, left)), ct);
        }
        File.Delete(head);
        File.Move(tmp, path, overwrite: true);
        return path;
    }
}
