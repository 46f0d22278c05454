using Reelay.TestSupport;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>PostgreSQL store: the server stopped (fast shutdown, connections cut) for the outage and started again on the same port.</summary>
public sealed class PostgresRestartScenario : IFaultScenario
{
    private readonly PostgresServer _postgres = new();
    private bool _initialized;

    public string Name => "postgres";
    public string Description => "The PostgreSQL store's server (initdb + pg_ctl on loopback) stopped with `pg_ctl stop -m fast` for the outage, then started again.";
    public string? ReadinessCheck => "store";
    public bool MayFailJobs => false;

    public async Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct)
    {
        await _postgres.InitializeAsync();
        _initialized = true;
        return new Dictionary<string, string?>
        {
            ["Reelay:Storage:Provider"] = "postgres",
            ["Reelay:Storage:Postgres:ConnectionString"] = await _postgres.DatabaseAsync("faults"),
        };
    }

    public Task BreakAsync(FaultServer server, CancellationToken ct) => _postgres.StopAsync();

    public Task RepairAsync(FaultServer server, CancellationToken ct) => _postgres.RestartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_initialized) await _postgres.DisposeAsync();
    }
}
