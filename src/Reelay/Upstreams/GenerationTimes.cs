using Reelay.Jobs;

namespace Reelay.Upstreams;

/// <summary>
/// Typical generation times per request: the upstream's own override when the operator set one
/// (<see cref="UpstreamDefinition.TypicalMinGeneration"/>, <see cref="UpstreamDefinition.TypicalMaxGeneration"/>),
/// else the model's catalog figures (for a 5 s std clip; 10 s clips and pro mode each take about 1.5× as long),
/// else <see cref="FallbackMin"/>..<see cref="FallbackMax"/>.
/// </summary>
public sealed class GenerationTimes(ModelCatalog? catalog, TimeSpan? overrideMin = null, TimeSpan? overrideMax = null)
{
    public static readonly TimeSpan FallbackMin = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FallbackMax = TimeSpan.FromSeconds(240);
    private const double LongClipFactor = 1.5;
    private const double ProFactor = 1.5;

    /// <summary>No catalog, no override: every request gets the fallback window.</summary>
    public static GenerationTimes Fallback { get; } = new(null);

    /// <summary>The times an upstream engine uses: its definition's override, the node's model catalog otherwise.</summary>
    public static GenerationTimes Of(UpstreamDefinition definition, IServiceProvider services) =>
        new(services.GetService<ModelCatalog>(), definition.TypicalMinGeneration, definition.TypicalMaxGeneration);

    public GenerationWindow For(VideoRequest request)
    {
        var spec = catalog?.Find(request.Model);
        var scale = (request.DurationSeconds > 5 ? LongClipFactor : 1) * (request.Mode == VideoMode.Pro ? ProFactor : 1);
        var min = overrideMin ?? (spec?.TypicalMinSeconds is { } smin ? TimeSpan.FromSeconds(smin * scale) : FallbackMin * scale);
        var max = overrideMax ?? (spec?.TypicalMaxSeconds is { } smax ? TimeSpan.FromSeconds(smax * scale) : FallbackMax * scale);
        return new GenerationWindow(min, max < min ? min : max);
    }
}
