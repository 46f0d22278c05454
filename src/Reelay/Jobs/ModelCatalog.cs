using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reelay.Jobs;

/// <summary>
/// The models Reelay knows, loaded from a JSON file (the shipped models.json, or the file named by
/// <c>Reelay:Models:CatalogPath</c>). Lookups are case-insensitive; duplicate names are a start-up error.
/// </summary>
public sealed class ModelCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly FrozenDictionary<string, ModelSpec> _models;

    public ModelCatalog(IEnumerable<ModelSpec> models)
    {
        var dict = new Dictionary<string, ModelSpec>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in models)
        {
            if (!dict.TryAdd(m.Name, m))
                throw new InvalidOperationException($"model catalog lists '{m.Name}' twice");
        }
        _models = dict.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Models = [.. _models.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ModelSpec> Models { get; }

    public ModelSpec? Find(string? name) => name is not null && _models.TryGetValue(name, out var m) ? m : null;

    public static ModelCatalog Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"model catalog '{path}' is empty");
        if (file.Models is null || file.Models.Count == 0)
            throw new InvalidOperationException($"model catalog '{path}' lists no models");
        return new ModelCatalog(file.Models);
    }

    /// <summary>The catalog shipped next to the executable.</summary>
    public static ModelCatalog LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "models.json"));

    private sealed record CatalogFile([property: JsonPropertyName("models")] List<ModelSpec>? Models);
}
