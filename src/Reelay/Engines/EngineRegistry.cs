using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Reelay.Hosting;

namespace Reelay.Engines;

/// <summary>
/// The engines this node can run, by name: the default engine (local ffmpeg preview, or noop for benchmarks)
/// and one per configured upstream. Which one a job uses is the <see cref="Upstreams.UpstreamRouter"/>'s choice.
/// </summary>
public sealed class EngineRegistry
{
    private readonly FrozenDictionary<string, IVideoEngine> _engines;
    private readonly string _default;

    public EngineRegistry(IEnumerable<IVideoEngine> engines, IOptions<ReelayOptions> options)
    {
        var dict = new Dictionary<string, IVideoEngine>(StringComparer.Ordinal);
        foreach (var e in engines)
        {
            if (!dict.TryAdd(e.Name, e)) throw new InvalidOperationException($"two engines named '{e.Name}'");
        }
        if (!options.Value.EnableNoopEngine) dict.Remove("noop");
        _engines = dict.ToFrozenDictionary(StringComparer.Ordinal);
        _default = options.Value.DefaultEngine;
        if (!_engines.ContainsKey(_default))
            throw new InvalidOperationException($"Reelay:DefaultEngine '{_default}' is not available on this node");
    }

    public IVideoEngine? Find(string name) => _engines.GetValueOrDefault(name);

    /// <summary>The engine for models no upstream serves (local, or noop for benchmarks).</summary>
    public string DefaultEngine => _default;
}
