namespace Reelay.Bench;

/// <summary>
/// Command line: <c>--quick</c> (reduced sizes, whole run under 3 minutes), <c>--only B1,B2</c>,
/// <c>--out path</c> (default: BENCHMARKS.md at the repo root).
/// </summary>
public sealed record BenchOptions(bool Quick, IReadOnlySet<string>? Only, string? Out)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = false;
        IReadOnlySet<string>? only = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => s.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}' (use --quick, --only B1,B2, --out path)");
            }
        }
        return new BenchOptions(quick, only, output);
    }

    public bool Runs(string id) => Only is null || Only.Contains(id.ToUpperInvariant());

    /// <summary>Measurement window of one load run.</summary>
    public TimeSpan LoadDuration => Quick ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30);

    /// <summary>Load before measuring, so tiered JIT, connection pools and caches are warm.</summary>
    public TimeSpan WarmupDuration => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);

    /// <summary>
    /// Load on a throwaway server before a scenario's first Reelay measurement: tiered PGO needs several seconds
    /// of load before Reelay's request path runs fully optimized code (a 2 s warm-up left the first run ~30% slow).
    /// </summary>
    public TimeSpan JitWarmupDuration => Quick ? TimeSpan.FromSeconds(6) : TimeSpan.FromSeconds(15);
}
