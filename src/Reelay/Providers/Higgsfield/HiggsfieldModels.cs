using System.Collections.Frozen;
using Reelay.Jobs;

namespace Reelay.Providers.Higgsfield;

/// <summary>
/// The model names the Kling 2.5 endpoint accepts: Higgsfield's spellings of Kling 2.5 Turbo (the default), and
/// any model of Reelay's catalog by its own name. The caller's spelling is recorded on the job.
/// </summary>
public static class HiggsfieldModels
{
    public const string Default = "kling-v2-5-turbo";

    private static readonly FrozenDictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["kling-2-5"] = Default,
        ["kling-2.5"] = Default,
        ["kling-2-5-turbo"] = Default,
        ["kling-2.5-turbo"] = Default,
        ["kling-v2-5"] = Default,
        ["kling-v2.5"] = Default,
        ["kling-v2.5-turbo"] = Default,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The catalog model <paramref name="name"/> stands for, or null when it names none.</summary>
    public static ModelSpec? Resolve(string name, ModelCatalog catalog) =>
        catalog.Find(Aliases.TryGetValue(name, out var canonical) ? canonical : name);
}
