namespace Reelay.Jobs;

/// <summary>
/// Per-field validation messages, keyed by the canonical (native, snake_case) field name. Dialects rename
/// the keys to their own field names when they answer.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>The same messages under the dialect's field names (<paramref name="rename"/> maps a canonical name).</summary>
    public FieldErrors Renamed(Func<string, string> rename)
    {
        var renamed = new FieldErrors();
        foreach (var (field, messages) in _errors)
        {
            foreach (var m in messages) renamed.Add(rename(field), m);
        }
        return renamed;
    }

    /// <summary>The first message, prefixed with its field, for dialects whose errors carry one string.</summary>
    public string? First => _errors.Count == 0 ? null : _errors.First() is var kv ? $"{kv.Key}: {kv.Value[0]}" : null;
}
