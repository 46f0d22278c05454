using Microsoft.Data.Sqlite;

namespace Reelay.Reliability.Faults.Scenarios;

/// <summary>
/// SQLite busy/locked: another connection (as another process would) takes the database's write lock with
/// <c>BEGIN EXCLUSIVE</c> and holds it for the outage. Reads still work (WAL); writes must wait or be refused clearly.
/// </summary>
public sealed class SqliteLockScenario : IFaultScenario
{
    private SqliteConnection? _holder;
    private SqliteTransaction? _lock;

    public string Name => "sqlite-locked";
    public string Description => "The SQLite database (the embedded default) write-locked by another connection (`BEGIN EXCLUSIVE`) for the outage.";
    public string? ReadinessCheck => "store";
    public bool MayFailJobs => false;

    public Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>());

    public async Task BreakAsync(FaultServer server, CancellationToken ct)
    {
        _holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(server.DataDir.FullName, "reelay.db"), Pooling = false }.ToString());
        await _holder.OpenAsync(ct);
        await using (var wait = _holder.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 10000;";
            await wait.ExecuteNonQueryAsync(ct);
        }
        _lock = _holder.BeginTransaction(System.Data.IsolationLevel.Serializable);
        await using var take = _holder.CreateCommand();
        take.Transaction = _lock;
        // A write inside the transaction takes the write lock and keeps it until the rollback.
        take.CommandText = "CREATE TABLE IF NOT EXISTS fault_lock (x INTEGER); INSERT INTO fault_lock VALUES (1);";
        await take.ExecuteNonQueryAsync(ct);
    }

    public async Task RepairAsync(FaultServer server, CancellationToken ct) => await ReleaseAsync();

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (_lock is not null) await _lock.RollbackAsync();
        _lock = null;
        if (_holder is not null) await _holder.DisposeAsync();
        _holder = null;
    }
}
