using System.Diagnostics;
using Reelay.Bench;
using Reelay.Bench.Reporting;
using Reelay.Bench.Scenarios;
using Reelay.Bench.Support;

if (args is [B5IngestChild.Verb, var url, var dir]) return await B5IngestChild.RunAsync(new Uri(url), dir, CancellationToken.None);

var options = BenchOptions.Parse(args);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

var root = RepoRoot.Find();
var clock = Stopwatch.StartNew();
IScenario[] scenarios = [new B1CreateThroughput(), new B1DialectOverhead(), new B1PostgresCreateThroughput(), new B2ReadById(), new B3InFlight(root), new B4WebhookFanOut(), new B5RemoteIngest(root), new B6LocalEngine(), new B7ClusterScaling(root), new B8ColdStart(root)];
var results = new List<ScenarioResult>();
var crashed = false;
foreach (var scenario in scenarios.Where(s => options.Runs(s.Id)))
{
    Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] {scenario.Id} {scenario.Title}...");
    ScenarioResult result;
    try
    {
        result = await scenario.RunAsync(options, cts.Token);
    }
    catch (Exception ex) when (ex is not OperationCanceledException)
    {
        crashed = true;
        result = new ScenarioResult(scenario.Id, scenario.Title, [Check.NotRun("—", ex.GetType().Name)], [$"failed: {ex}"]);
    }
    results.Add(result);
    foreach (var c in result.Checks) Console.WriteLine($"    {c.Figure} | baseline {c.Baseline} | {c.Ratio} | target {c.Target} | {c.Verdict}");
}

var machine = await MachineInfo.CollectAsync(root, cts.Token);
var path = options.Out ?? Path.Combine(root, "BENCHMARKS.md");
// With --only, the scenarios not run keep their previous rows (from the file being rewritten).
var previous = PreviousReport.Read(path);
var entries = new List<ReportEntry>();
foreach (var scenario in scenarios)
{
    if (results.FirstOrDefault(r => r.Id == scenario.Id) is { } result) entries.Add(ReportEntry.Measured(result));
    else if (previous.Find(scenario.Id) is { } old) entries.Add(ReportEntry.Kept(scenario.Id, old.Row, old.Section));
}
await File.WriteAllTextAsync(path, MarkdownReport.Render(machine, options.Quick, clock.Elapsed, entries), cts.Token);
Console.WriteLine($"[{clock.Elapsed:mm\\:ss}] wrote {path}");
// Missed targets are reported, not failed: a benchmark is not a timed assertion. Only a crash is an error.
return crashed ? 2 : 0;
