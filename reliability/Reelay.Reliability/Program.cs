using Reelay.Reliability;
using Reelay.Reliability.Campaigns;
using Reelay.Reliability.Crash;
using Reelay.Reliability.Faults;
using Reelay.Reliability.Fuzz;
using Reelay.Reliability.Load;
using Reelay.Reliability.Reporting;

// The reliability suite: campaigns against real parts (Kestrel on loopback, SQLite files, ffmpeg), each reporting
// figures with targets. Exit code 0 only when every figure of every campaign run meets its target.
var repoRoot = FindRepoRoot();
ReliabilityOptions options;
try
{
    options = ReliabilityOptions.Parse(args, repoRoot);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

ICampaign[] campaigns = [new FuzzCampaign(), new CrashCampaign(), new DependencyFaultCampaign(), new SustainedLoadCampaign()];
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var results = new List<CampaignResult>();
foreach (var campaign in campaigns.Where(c => options.Runs(c.Id)))
{
    Console.WriteLine($"[{campaign.Id}] {campaign.Title}...");
    CampaignResult result;
    try
    {
        result = await campaign.RunAsync(options, cancel.Token);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !cancel.IsCancellationRequested)
    {
        // One campaign's harness failing must not hide the others' figures: it is reported as a failed figure.
        result = new CampaignResult(campaign.Id, campaign.Title, [new Figure("campaign ran to the end", "no", "yes", false)], [], [ex.ToString()]);
    }
    foreach (var f in result.Figures) Console.WriteLine($"    {f.Name}: {f.Value} (target {f.Target}){(f.Passed ? "" : "  <-- FAIL")}");
    foreach (var detail in result.Details.Where(d => d.StartsWith("Violation kind", StringComparison.Ordinal))) Console.WriteLine($"    {detail}");
    foreach (var finding in result.Findings.Take(10)) Console.WriteLine($"    finding: {finding}");
    results.Add(result);
}
await ReliabilityReport.WriteAsync(options.Out, options, results, [.. campaigns.Select(c => c.Id)]);
Console.WriteLine($"wrote {options.Out}");
var failed = results.Where(r => !r.Passed).Select(r => r.Id).ToList();
if (failed.Count > 0) Console.WriteLine($"FAILED: {string.Join(", ", failed)}");
return failed.Count == 0 ? 0 : 1;

static string FindRepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reelay.slnx"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}
