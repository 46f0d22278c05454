using System.Diagnostics;

namespace Reelay.IntegrationTests.Support;

/// <summary>Test images made at test time with ffmpeg's testsrc2 (nothing binary is committed).</summary>
public static class TestMedia
{
    public static async Task<byte[]> ImageAsync(int width, int height, string format = "png", int frame = 0)
    {
        var path = Path.Combine(Path.GetTempPath(), $"reelay-img-{Guid.NewGuid():N}.{format}");
        try
        {
            var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
            foreach (var a in new[] { "-nostdin", "-v", "error", "-f", "lavfi", "-i", $"testsrc2=size={width}x{height}:rate=1", "-vf", $"select=gte(n\\,{frame})", "-frames:v", "1", "-y", path })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var err = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            if (p.ExitCode != 0) throw new InvalidOperationException("ffmpeg could not make a test image: " + err);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static string DataUri(byte[] bytes, string mime = "image/png") => $"data:{mime};base64,{Convert.ToBase64String(bytes)}";
}
