using Reelay.Bench.Reporting;

namespace Reelay.Bench.Scenarios;

/// <summary>One benchmark from docs/benchmark-plan.md, measured together with its baseline in the same run.</summary>
public interface IScenario
{
    string Id { get; }
    string Title { get; }
    Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct);
}
