using System.Globalization;
using Reelay.Jobs;
using Reelay.Providers.Higgsfield.Emulator;
using Reelay.Providers.Kling.Emulator;
using Reelay.Reliability.Campaigns;
using Reelay.Storage;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// Two upstreams for kling-v2-5-turbo: a Kling emulator (priority 1, behind a <see cref="LoopbackTcpProxy"/>) and a
/// Higgsfield emulator (priority 2). The outage cuts the proxy, so Kling's port refuses connections like a dead process
/// while its tasks survive. Every job created during the outage must be accepted by Higgsfield within seconds, nothing
/// may be submitted twice, and the jobs Kling held when it went down must complete once it is back.
/// </summary>
public sealed class UpstreamOutageScenario : IFaultScenario
{
    private static readonly TimeSpan FailoverTarget = TimeSpan.FromSeconds(5);
    private KlingEmulator? _kling;
    private HiggsfieldEmulator? _higgsfield;
    private LoopbackTcpProxy? _proxy;
    private DateTimeOffset _cutAt = DateTimeOffset.MaxValue;
    private DateTimeOffset _restoredAt = DateTimeOffset.MaxValue;

    public string Name => "upstream-outage";
    public string Description => "The preferred upstream (a Kling emulator) refuses every connection during the outage; a Higgsfield emulator serves the same model at priority 2.";
    /// <summary>Upstreams are not a readiness dependency: one dead upstream must not take the node out of rotation.</summary>
    public string? ReadinessCheck => null;
    public bool MayFailJobs => false;

    public object CreateBody(int n) => new { model = "kling-v2-5-turbo", prompt = $"outage trickle {n}", duration = 5 };

    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        _kling = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromSeconds(1), ResultVideoSize = "320x180",
        }, ct: ct);
        _higgsfield = await HiggsfieldEmulator.StartAsync("http://127.0.0.1:0", new HiggsfieldEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200), GenerationTime = TimeSpan.FromSeconds(1), ResultVideoSize = "320x180",
        }, ct: ct);
        _proxy = LoopbackTcpProxy.Start(_kling.BaseAddress);
        return new Dictionary<string, string?>
        {
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Scheduler:JobDeadline"] = "00:02:00",
            ["Reelay:Upstreams:0:Name"] = "kling-a",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = _proxy.Address.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = _kling.Options.AccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = _kling.Options.SecretKey,
            ["Reelay:Upstreams:0:Priority"] = "1",
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
            ["Reelay:Upstreams:0:BreakDuration"] = "00:00:02",
            ["Reelay:Upstreams:1:Name"] = "hf-b",
            ["Reelay:Upstreams:1:Type"] = "higgsfield",
            ["Reelay:Upstreams:1:BaseUrl"] = _higgsfield.BaseAddress.ToString(),
            ["Reelay:Upstreams:1:AccessKey"] = _higgsfield.Options.ApiKey,
            ["Reelay:Upstreams:1:SecretKey"] = _higgsfield.Options.Secret,
            ["Reelay:Upstreams:1:Priority"] = "2",
            ["Reelay:Upstreams:1:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:1:MaxPollInterval"] = "00:00:00.500",
        };
    }

    public Task BreakAsync(FaultServer server, CancellationToken ct)
    {
        _cutAt = DateTimeOffset.UtcNow;
        _proxy!.Cut();
        return Task.CompletedTask;
    }

    public Task RepairAsync(FaultServer server, CancellationToken ct)
    {
        _proxy!.Restore();
        _restoredAt = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Figure>> FiguresAsync(FaultServer server, IReadOnlyList<string> acknowledged, CancellationToken ct)
    {
        var store = server.Services.GetRequiredService<IJobStore>();
        var failoverTimes = new List<TimeSpan>();
        int duringOutage = 0, onSecond = 0, twice = 0;
        var hfPrompts = _higgsfield!.Received.GroupBy(r => r.Prompt).ToDictionary(g => g.Key ?? "", g => g.Count());
        foreach (var id in acknowledged)
        {
            var job = await store.GetAsync(id, ct);
            if (job is null) continue;
            if (_kling!.SubmissionsFor(id) + hfPrompts.GetValueOrDefault(job.Request.Prompt ?? "") > 1) twice++;
            if (job.CreatedAt < _cutAt || job.CreatedAt >= _restoredAt) continue;
            duringOutage++;
            if (job.Engine != "hf-b") continue;
            onSecond++;
            var accepted = (await store.GetEventsAsync(id, 0, ct)).FirstOrDefault(e => e.Type == JobEventTypes.Submitted);
            if (accepted is not null) failoverTimes.Add(accepted.At - job.CreatedAt);
        }
        failoverTimes.Sort();
        var max = failoverTimes.Count > 0 ? failoverTimes[^1] : TimeSpan.Zero;
        return
        [
            Figure.AtLeast($"{Name}: jobs created during the outage", duringOutage, 1),
            Figure.AtMost($"{Name}: of those, not run on the second upstream", duringOutage - onSecond, 0),
            new Figure($"{Name}: time to fail over (create → accepted by the second upstream), max", Seconds(max), $"≤ {FailoverTarget.TotalSeconds:0} s",
                failoverTimes.Count > 0 && max <= FailoverTarget),
            Figure.Info($"{Name}: time to fail over, median", failoverTimes.Count > 0 ? Seconds(failoverTimes[failoverTimes.Count / 2]) : "—"),
            Figure.AtMost($"{Name}: jobs submitted twice (to one upstream, or to both)", twice, 0),
        ];
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");

    public async ValueTask DisposeAsync()
    {
        if (_proxy is not null) await _proxy.DisposeAsync();
        if (_kling is not null) await _kling.DisposeAsync();
        if (_higgsfield is not null) await _higgsfield.DisposeAsync();
    }
}
