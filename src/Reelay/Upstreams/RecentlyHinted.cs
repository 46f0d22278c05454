namespace Reelay.Upstreams;

/// <summary>
/// Job ids a sweep already hurried, remembered for a while: consecutive sweeps overlap by the clock-skew slack, so
/// a finished task is listed by several of them, and one hurried query per finished task is enough. Only a cost
/// saving — forgetting an id early merely repeats a harmless hint.
/// </summary>
internal sealed class RecentlyHinted
{
    private readonly Dictionary<string, DateTimeOffset> _hintedAt = new(StringComparer.Ordinal);

    /// <summary>The ids not hinted within <paramref name="memory"/> before <paramref name="now"/>; they count as hinted now.</summary>
    public List<string> Filter(IReadOnlyList<string> ids, DateTimeOffset now, TimeSpan memory)
    {
        var forgetBefore = now - memory;
        if (_hintedAt.Count > 0)
            foreach (var (id, at) in _hintedAt.ToArray())
                if (at < forgetBefore) _hintedAt.Remove(id);
        var fresh = new List<string>(ids.Count);
        foreach (var id in ids)
            if (_hintedAt.TryAdd(id, now)) fresh.Add(id);
        return fresh;
    }
}
