using Npgsql;
using Reelay.Storage.Postgres;
using Reelay.TestSupport;
using Reelay.Tests.Storage.Postgres;

namespace Reelay.Tests.Storage;

/// <summary>
/// Runs <see cref="JobStoreContract"/> against the run's real PostgreSQL server: one database for this class, and a
/// fresh schema per location (the connection string's search path), so every test starts empty without paying for
/// CREATE DATABASE.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJobStoreContractTests(PostgresServer server) : JobStoreContract
{
    protected override async Task<string> CreateLocationAsync()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await PostgresSchemas.CreateAsync(await DatabaseAsync(), schema);
        return PostgresSchemas.ConnectionString(await DatabaseAsync(), schema);
    }

    protected override StoreSet OpenStores(string location)
    {
        var storage = PostgresStorage.Open(location, TimeProvider.System);
        return new StoreSet(storage.Jobs, storage.Outbox, storage.Keys, storage.Uploads, storage.Retention, storage.DisposeAsync);
    }

    protected override async Task DeleteLocationAsync(string location) =>
        await PostgresSchemas.DropAsync(await DatabaseAsync(), new NpgsqlConnectionStringBuilder(location).SearchPath!);

    private Task<string> DatabaseAsync() => server.DatabaseAsync("contract");
}
