using Reelay.Emulation;
using Reelay.Providers.Kling.Emulator;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// Upstream emulator with every fault mode at once (5xx and 429 on create, connection resets, malformed JSON, a changed
/// schema, content rejections, failed tasks, truncated downloads), throughout the run rather than for an outage: upstream
/// faults are per request, so the "outage" is simply part of the run. Jobs relayed to it complete or fail with a clear reason.
/// </summary>
public sealed class UpstreamFaultsScenario(int seed) : IFaultScenario
{
    private KlingEmulator? _emulator;

    public string Name => "upstream";
    public string Description => "A Kling emulator injecting every fault mode at once (create 5xx 20%, 429 20%, connection reset 15%, malformed JSON 15%, " +
                                 "schema changed 10%, content rejected 15%, task failed 15%, truncated download 20%) for the whole run.";
    /// <summary>Upstreams are not a readiness dependency: one failing upstream must not take the node out of rotation.</summary>
    public string? ReadinessCheck => null;
    public bool MayFailJobs => true;

    public object CreateBody(int n) => new { model = "kling-v1", prompt = $"upstream fault trickle {n}", duration = 5 };

    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        _emulator = await KlingEmulator.StartAsync("http://127.0.0.1:0", new KlingEmulatorOptions
        {
            QueueTime = TimeSpan.FromMilliseconds(200),
            GenerationTime = TimeSpan.FromSeconds(1),
            ResultVideoSize = "320x180",
            Faults = new EmulatorFaults
            {
                Create5xx = 0.2, Create429 = 0.2, ConnectionReset = 0.15, MalformedJson = 0.15, SchemaChanged = 0.1,
                ContentRejected = 0.15, FailTask = 0.15, TruncatedDownload = 0.2, Seed = seed,
            },
        });
        return new Dictionary<string, string?>
        {
            ["Reelay:Security:AllowLoopback"] = "true",
            ["Reelay:Scheduler:JobDeadline"] = "00:01:00",
            ["Reelay:Upstreams:0:Name"] = "kling-faulty",
            ["Reelay:Upstreams:0:Type"] = "kling",
            ["Reelay:Upstreams:0:BaseUrl"] = _emulator.BaseAddress.ToString(),
            ["Reelay:Upstreams:0:AccessKey"] = _emulator.Options.AccessKey,
            ["Reelay:Upstreams:0:SecretKey"] = _emulator.Options.SecretKey,
            ["Reelay:Upstreams:0:FirstPollAfter"] = "00:00:00.300",
            ["Reelay:Upstreams:0:MaxPollInterval"] = "00:00:00.500",
            ["Reelay:Upstreams:0:BreakDuration"] = "00:00:01",
        };
    }

    public Task BreakAsync(FaultServer server, CancellationToken ct) => Task.CompletedTask;

    public Task RepairAsync(FaultServer server, CancellationToken ct) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null) await _emulator.DisposeAsync();
    }
}
