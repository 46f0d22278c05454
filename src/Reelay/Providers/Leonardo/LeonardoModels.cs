using System.Collections.Frozen;

namespace Reelay.Providers.Leonardo;

/// <summary>
/// Leonardo's video models (names matched case-insensitively). Durations follow Leonardo's docs: VEO3* 4|6|8
/// (default 8), KLING2_5 and KLING2_1 5|10 (default 5), MOTION2* 5. The local engine renders 1..10 s, so all run.
/// </summary>
public static class LeonardoModels
{
    public const string Default = "MOTION2";

    private static readonly (int, int)[] Kling25Sizes = [(1920, 1080), (1080, 1920), (1440, 1440)];

    private static readonly FrozenDictionary<string, LeonardoModel> ByName = new LeonardoModel[]
    {
        new("MOTION2", "local", [5], 5, Elements: true, EndFrame: false),
        new("MOTION2FAST", "local", [5], 5, Elements: false, EndFrame: false),
        new("VEO3", "local", [4, 6, 8], 8, Elements: false, EndFrame: false),
        new("VEO3FAST", "local", [4, 6, 8], 8, Elements: false, EndFrame: false),
        new("KLING2_1", "kling-v2-1", [5, 10], 5, Elements: false, EndFrame: true),
        new("KLING2_5", "kling-v2-5-turbo", [5, 10], 5, Elements: false, EndFrame: false, FixedSizes: Kling25Sizes),
    }.ToFrozenDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<string> Names => ByName.Values.Select(m => m.Name).Order(StringComparer.Ordinal);

    public static LeonardoModel? Find(string name) => ByName.GetValueOrDefault(name);
}
