using System.Diagnostics;
using System.Globalization;
using Reelay.Reliability.Campaigns;
using Reelay.Reliability.Faults.Scenarios;

namespace Reelay.Reliability.Faults;

/// <summary>
/// Campaign 2, dependency faults: each scenario breaks one dependency of a running server under a trickle of creates
/// and reads, repairs it, and checks that the service kept answering (clear 503s at worst, no hangs), that /readyz
/// named the dependency while it was down and said ready after, that it recovered by itself, and that no acknowledged
/// job was lost, ended in a wrong state or had a half-written video served.
/// </summary>
public sealed class DependencyFaultCampaign : ICampaign
{
    public string Id => "faults";

    public string Title => "Dependency faults: database, blob store, disk, ffmpeg, upstreams and clock broken under load";

    public async Task<CampaignResult> RunAsync(ReliabilityOptions options, CancellationToken ct)
    {
        var timing = options.Long
            ? new FaultRun.Timing(Healthy: TimeSpan.FromSeconds(3), Outage: TimeSpan.FromSeconds(12), RecoveryBound: TimeSpan.FromSeconds(30),
                Tick: TimeSpan.FromMilliseconds(250), AuditBound: TimeSpan.FromSeconds(180))
            : new FaultRun.Timing(Healthy: TimeSpan.FromSeconds(1), Outage: TimeSpan.FromSeconds(3.5), RecoveryBound: TimeSpan.FromSeconds(20),
                Tick: TimeSpan.FromMilliseconds(500), AuditBound: TimeSpan.FromSeconds(60), CreateEvery: 2);
        var load = File.ReadAllText("/proc/loadavg").Trim();
        var clock = Stopwatch.StartNew();
        var figures = new List<Figure>();
        var details = new List<string>();
        var findings = new List<string>();
        // REELAY_FAULTS_ONLY=postgres,s3 runs only the named scenarios (while working on one); the report says so.
        var only = Environment.GetEnvironmentVariable("REELAY_FAULTS_ONLY")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = new List<IFaultScenario>();
        foreach (var scenario in Scenarios(options.Seed).Select(make => make()))
        {
            if (only is null || only.Contains(scenario.Name, StringComparer.OrdinalIgnoreCase)) chosen.Add(scenario);
            else await scenario.DisposeAsync();
        }
        var outcomes = new ScenarioOutcome?[chosen.Count];
        // The long mode gives each scenario the machine to itself; the short mode (CI's time budget) runs three at once —
        // every scenario has its own server, data dir and dependency instance, and no figure is a timing target.
        using var slots = new SemaphoreSlim(options.Long ? 1 : 3);
        await Task.WhenAll(chosen.Select(async (scenario, i) =>
        {
            await slots.WaitAsync(ct);
            try
            {
                Console.WriteLine($"    scenario {scenario.Name}...");
                outcomes[i] = await RunOneAsync(scenario, timing, ct);
            }
            finally
            {
                slots.Release();
                await scenario.DisposeAsync();
            }
        }));
        foreach (var outcome in outcomes.OfType<ScenarioOutcome>())
        {
            figures.AddRange(outcome.Figures);
            details.Add(outcome.Detail);
            findings.AddRange(outcome.Findings);
        }
        var elapsed = clock.Elapsed;
        figures.Add(Figure.Info("wall clock, all scenarios", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0} s (load average before: {load}; after: {File.ReadAllText("/proc/loadavg").Trim()})")));
        details.Insert(0, "Each scenario: a fresh `ReelayHost.BuildServer` in this process (Kestrel on 127.0.0.1:0, scheduler on, local ffmpeg engine, 1-second 1:1 clips, " +
                          "preset ultrafast) on the dependency named; a trickle of one create (`POST /v1/videos`) per tick (every other tick in the short mode, which runs three scenarios at once) and one read of a known job per tick, each bounded at 10 s; " +
                          "`/readyz` polled every 250 ms; healthy, broken for the outage, repaired; then every acknowledged job is awaited to a terminal state and every completed " +
                          "job's raw video downloaded and decoded to the end by ffmpeg. A 5xx is counted as clear when it is a 503 with Retry-After in problem+json.");
        return new CampaignResult(Id, Title, figures, details, findings.Take(40).ToList());
    }

    private static async Task<ScenarioOutcome> RunOneAsync(IFaultScenario scenario, FaultRun.Timing timing, CancellationToken ct)
    {
        try
        {
            return await FaultRun.RunAsync(scenario, timing, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new ScenarioOutcome([new Figure($"{scenario.Name}: scenario ran to the end", "no", "yes", false)],
                $"**{scenario.Name}** — did not run to the end: {ex.GetType().Name}: {ex.Message}", [$"{scenario.Name}: {ex}"]);
        }
    }

    private static IEnumerable<Func<IFaultScenario>> Scenarios(int seed) =>
    [
        () => new PostgresRestartScenario(),
        () => new S3RestartScenario(),
        () => new SqliteLockScenario(),
        () => new DiskFullScenario(),
        () => new FfmpegFaultScenario(crashing: false),
        () => new FfmpegFaultScenario(crashing: true),
        () => new UpstreamFaultsScenario(seed),
        () => new UpstreamOutageScenario(),
        () => new ClockJumpScenario(TimeSpan.FromHours(3)),
        () => new ClockJumpScenario(TimeSpan.FromHours(-3)),
    ];
}
