using System.Diagnostics;
using System.Globalization;
using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Faults;

/// <summary>
/// Runs one scenario: a fresh server on the scenario's dependencies, the trickle and the /readyz watch running
/// throughout; healthy for a while, the dependency broken for <see cref="Timing.Outage"/>, repaired, then the service
/// must say ready again by itself within <see cref="Timing.RecoveryBound"/>; finally every acknowledged job is audited.
/// </summary>
public static class FaultRun
{
    /// <param name="CreateEvery">One create every this many ticks (a read every tick): the short mode runs three
    /// servers on a small machine at once, and renders that outpace its cores leave a backlog no repair can clear.</param>
    public sealed record Timing(TimeSpan Healthy, TimeSpan Outage, TimeSpan RecoveryBound, TimeSpan Tick, TimeSpan AuditBound, int CreateEvery = 1);

    public static async Task<ScenarioOutcome> RunAsync(IFaultScenario scenario, Timing timing, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var dataDir = Directory.CreateTempSubdirectory("reelay-faults-");
        IReadOnlyDictionary<string, string?> overrides;
        try
        {
            overrides = await scenario.PrepareAsync(dataDir, ct);
        }
        catch
        {
            dataDir.Delete(recursive: true);
            throw;
        }
        await using var server = await FaultServer.StartAsync(dataDir, overrides, scenario.ConfigureServices, ct);
        var trickle = new TrickleLoad(server.Http, scenario.CreateBody, timing.Tick, timing.CreateEvery);
        var readiness = new ReadinessWatch(server.Http, scenario.ReadinessCheck);
        using var stop = new CancellationTokenSource();
        var load = trickle.RunAsync(stop.Token);
        var watch = readiness.RunAsync(stop.Token);
        bool recovered;
        try
        {
            await Task.Delay(timing.Healthy, ct);
            readiness.Phase = trickle.Phase = FaultPhase.Outage;
            await scenario.BreakAsync(server, ct);
            await Task.Delay(timing.Outage, ct);
            await scenario.RepairAsync(server, ct);
            readiness.MarkRepaired();
            readiness.Phase = trickle.Phase = FaultPhase.After;
            recovered = await readiness.WaitReadyAsync(timing.RecoveryBound, ct);
            trickle.Recovered = recovered;
            await Task.Delay(timing.Healthy, ct);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load, watch);
        }
        var audit = await JobAudit.RunAsync(server.Http, trickle.Acknowledged, scenario.MayFailJobs, timing.AuditBound, ct);
        var n = scenario.Name;
        var figures = new List<Figure>
        {
            Figure.AtMost($"{n}: 5xx other than 503 + Retry-After + problem+json", trickle.UnclearServerErrors, 0),
            Figure.AtMost($"{n}: 5xx once ready again", trickle.ServerErrorsAfterRecovery, 0),
            Figure.AtMost($"{n}: requests without an answer within {TrickleLoad.HangBound.TotalSeconds:0} s", trickle.Hangs, 0),
            Figure.AtMost($"{n}: acknowledged jobs lost or not terminal", audit.Lost, 0),
            Figure.AtMost($"{n}: wrong terminal states", audit.WrongTerminal, 0),
            Figure.AtMost($"{n}: half-written or missing blobs served", audit.HalfWrittenServed, 0),
            YesNo($"{n}: /readyz 503 naming `{scenario.ReadinessCheck}` while down", readiness.NamedWhileDown, scenario.ReadinessCheck is not null),
            YesNo($"{n}: /readyz 200 again within {timing.RecoveryBound.TotalSeconds:0} s of the repair", recovered, true),
            Figure.Info($"{n}: recovery time (repair → /readyz 200)", readiness.RecoveryTime is { } r ? $"{r.TotalSeconds:0.0} s" : "—"),
        };
        figures.AddRange(await scenario.FiguresAsync(server, trickle.Acknowledged, ct));
        var codes = audit.FailureCodes.Count == 0 ? "none" : string.Join(", ", audit.FailureCodes.Select(c => $"{c.Key} ×{c.Value}"));
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"**{n}** — {scenario.Description} Outage {timing.Outage.TotalSeconds:0.#} s. {trickle.Sent} requests " +
            $"({trickle.ServerErrors} 5xx, of which {trickle.ServerErrors - trickle.UnclearServerErrors} clear 503; {trickle.RefusedDuringOutage} refused during the outage; " +
            $"{trickle.TransportErrors} transport errors), {audit.Jobs} jobs acknowledged: {audit.Completed} completed, {audit.Failed} failed (codes: {codes}). " +
            $"/readyz while down: {(readiness.LastDownBody.Length == 0 ? $"never named it ({readiness.OutageSamples.Count} answers during the outage, e.g. `{readiness.OutageSamples.LastOrDefault()}`)" : "`" + readiness.LastDownBody + "`")}. Scenario wall clock {clock.Elapsed.TotalSeconds:0} s.");
        return new ScenarioOutcome(figures, detail, [.. trickle.Findings.Select(f => $"{n}: {f}"), .. audit.Findings.Select(f => $"{n}: {f}")]);
    }

    /// <summary>A yes/no figure; <paramref name="required"/> false makes it informational.</summary>
    public static Figure YesNo(string name, bool value, bool required) =>
        required ? new Figure(name, value ? "yes" : "no", "yes", value) : Figure.Info(name, value ? "yes" : "no (not expected)");
}
