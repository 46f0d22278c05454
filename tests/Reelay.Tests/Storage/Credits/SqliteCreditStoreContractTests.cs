using Reelay.Credits;
using Reelay.Storage;
using Reelay.Storage.Sqlite;

namespace Reelay.Tests.Storage.Credits;

/// <summary>Runs <see cref="CreditStoreContract"/> against a real SQLite file in a fresh temp directory.</summary>
public sealed class SqliteCreditStoreContractTests : CreditStoreContract
{
    protected override Task<(IJobStore Jobs, ICreditStore Credits, Func<ValueTask> Close)> OpenFreshAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reelay-credits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var storage = SqliteStorage.Open(Path.Combine(directory, "reelay.db"), TimeProvider.System);
        return Task.FromResult<(IJobStore, ICreditStore, Func<ValueTask>)>((storage.Jobs, storage.Credits, () =>
        {
            storage.Dispose();
            Directory.Delete(directory, recursive: true);
            return ValueTask.CompletedTask;
        }));
    }
}
