using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Reelay.WebConsole;

/// <summary>
/// The console's CSS and JavaScript, compiled into the executable as embedded resources: served the same from
/// <c>dotnet run</c>, a published <c>reelay serve</c> or a test host, whatever the working directory.
/// </summary>
public sealed class ConsoleAssets
{
    private readonly FrozenDictionary<string, Asset> _assets;

    public ConsoleAssets()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in new[] { "console.css", "console.js" })
        {
            using var stream = assembly.GetManifestResourceStream($"Reelay.WebConsole.Assets.{name}")
                ?? throw new InvalidOperationException($"console asset {name} is not embedded");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            assets[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The asset's URL with its content hash, so browsers may cache it forever.</summary>
    public string Url(string name) => $"/console/assets/{name}?v={_assets[name].Version}";

    internal IResult Serve(string name, HttpContext http)
    {
        if (!_assets.TryGetValue(name, out var asset)) return Results.NotFound();
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string Version);
}
