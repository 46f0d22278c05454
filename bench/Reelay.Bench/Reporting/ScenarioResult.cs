namespace Reelay.Bench.Reporting;

/// <summary>A scenario's checks (one per target) and free-text details (raw figures, method, causes of misses).</summary>
public sealed record ScenarioResult(string Id, string Title, IReadOnlyList<Check> Checks, IReadOnlyList<string> Details)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}
