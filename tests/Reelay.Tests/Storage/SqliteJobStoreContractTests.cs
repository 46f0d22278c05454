using Reelay.Storage.Sqlite;

namespace Reelay.Tests.Storage;

/// <summary>Runs <see cref="JobStoreContract"/> against real SQLite files, one fresh temp directory per location.</summary>
public sealed class SqliteJobStoreContractTests : JobStoreContract
{
    protected override Task<string> CreateLocationAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reelay-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return Task.FromResult(directory);
    }

    protected override StoreSet OpenStores(string location)
    {
        var storage = SqliteStorage.Open(Path.Combine(location, "reelay.db"), TimeProvider.System);
        return new StoreSet(storage.Jobs, storage.Outbox, storage.Keys, storage.Uploads, storage.Retention, () =>
        {
            storage.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    protected override Task DeleteLocationAsync(string location)
    {
        if (Directory.Exists(location)) Directory.Delete(location, recursive: true);
        return Task.CompletedTask;
    }
}
