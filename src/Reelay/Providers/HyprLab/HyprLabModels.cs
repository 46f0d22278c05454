using System.Collections.Frozen;
using Reelay.Jobs;

namespace Reelay.Providers.HyprLab;

/// <summary>
/// HyprLab's Kling model names and the catalog model + quality mode each stands for (e.g. kling-v2.1-pro →
/// kling-v2-1, pro). Names are matched case-insensitively; catalog names are accepted as they are (mode std).
/// </summary>
public static class HyprLabModels
{
    private static readonly FrozenDictionary<string, (string Model, VideoMode Mode)> Names =
        new Dictionary<string, (string, VideoMode)>(StringComparer.OrdinalIgnoreCase)
        {
            ["kling-v1-standard"] = ("kling-v1", VideoMode.Std),
            ["kling-v1-pro"] = ("kling-v1", VideoMode.Pro),
            ["kling-v1.5-standard"] = ("kling-v1-5", VideoMode.Std),
            ["kling-v1.5-pro"] = ("kling-v1-5", VideoMode.Pro),
            ["kling-v1.6-standard"] = ("kling-v1-6", VideoMode.Std),
            ["kling-v1.6-pro"] = ("kling-v1-6", VideoMode.Pro),
            ["kling-v2"] = ("kling-v2-master", VideoMode.Std),
            ["kling-v2-master"] = ("kling-v2-master", VideoMode.Std),
            ["kling-v2.1-standard"] = ("kling-v2-1", VideoMode.Std),
            ["kling-v2.1-pro"] = ("kling-v2-1", VideoMode.Pro),
            ["kling-v2.1-master"] = ("kling-v2-1-master", VideoMode.Std),
            ["kling-v2.5-turbo"] = ("kling-v2-5-turbo", VideoMode.Pro),
            ["kling-v2.5-turbo-standard"] = ("kling-v2-5-turbo", VideoMode.Std),
            ["kling-v2.5-turbo-pro"] = ("kling-v2-5-turbo", VideoMode.Pro),
            ["kling-v2.6"] = ("kling-v2-6", VideoMode.Pro),
            ["kling-v2.6-pro"] = ("kling-v2-6", VideoMode.Pro),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>HyprLab's own names, for error messages.</summary>
    public static IEnumerable<string> Known => Names.Keys.Order(StringComparer.Ordinal);

    /// <summary>The catalog model and mode <paramref name="name"/> stands for, or null when it names none.</summary>
    public static (ModelSpec Model, VideoMode Mode)? Resolve(string name, ModelCatalog catalog)
    {
        if (Names.TryGetValue(name, out var mapped))
            return catalog.Find(mapped.Model) is { } spec ? (spec, mapped.Mode) : null;
        return catalog.Find(name) is { } direct ? (direct, VideoMode.Std) : null;
    }
}
