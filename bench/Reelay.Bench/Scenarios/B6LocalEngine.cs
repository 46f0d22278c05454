using Reelay.Bench.Reporting;

namespace Reelay.Bench.Scenarios;

/// <summary>B6: local engine seconds per clip versus a plain ffmpeg encode (waits for the media layer).</summary>
public sealed class B6LocalEngine(string repoRoot) : IScenario
{
    public string Id => "B6";
    public string Title => "local engine, 5 s 1280×720 clip";

    public Task<ScenarioResult> RunAsync(BenchOptions options, CancellationToken ct) =>
        Task.FromResult(new ScenarioResult(Id, Title, [Check.NotRun("≤ 1.2 × baseline", "media layer not merged")], [repoRoot]));
}
