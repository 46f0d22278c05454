using Reelay.Hosting;
namespace Reelay.Cli;

/// <summary>Turns a CLI image argument into what the API accepts: URLs as they are, local files as data URIs.</summary>
public static class ImageArgument
{
    public static string? ToRequestValue(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ||
            value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return value;
        if (!File.Exists(value)) throw new CliException($"image file '{value}' does not exist");
        var info = new FileInfo(value);
        if (info.Length > 10 * 1024 * 1024) throw new CliException($"image file '{value}' is larger than 10 MB");
        var mime = Path.GetExtension(value).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".webp" => "image/webp",
            _ => "image/jpeg",
        };
        return $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(value))}";
    }
}
