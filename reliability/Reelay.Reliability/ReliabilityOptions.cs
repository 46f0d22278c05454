namespace Reelay.Reliability;

/// <summary>
/// Command line: <c>--long</c> (the local, longer mode: more requests, more iterations), <c>--only fuzz,crash</c>,
/// <c>--out path</c> (default RELIABILITY.md at the repository root), <c>--seed N</c> (default 20261122).
/// </summary>
public sealed record ReliabilityOptions(bool Long, IReadOnlySet<string>? Only, string Out, int Seed, string RepoRoot)
{
    public static ReliabilityOptions Parse(string[] args, string repoRoot)
    {
        var longMode = false;
        IReadOnlySet<string>? only = null;
        var output = Path.Combine(repoRoot, "RELIABILITY.md");
        var seed = 20261122;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--long":
                    longMode = true;
                    break;
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], out var s):
                    seed = s;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown argument '{args[i]}' (use --long, --only fuzz, --out path, --seed N)");
            }
        }
        return new ReliabilityOptions(longMode, only, output, seed, repoRoot);
    }

    public bool Runs(string campaign) => Only is null || Only.Contains(campaign);
}
