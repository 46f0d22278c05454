using Reelay.Credits;
using Reelay.Storage;
using Reelay.Storage.Postgres;
using Reelay.TestSupport;
using Reelay.Tests.Storage.Postgres;

namespace Reelay.Tests.Storage.Credits;

/// <summary>Runs <see cref="CreditStoreContract"/> against the run's real PostgreSQL server, one fresh schema per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCreditStoreContractTests(PostgresServer server) : CreditStoreContract
{
    protected override async Task<(IJobStore Jobs, ICreditStore Credits, Func<ValueTask> Close)> OpenFreshAsync()
    {
        var database = await server.DatabaseAsync("credits");
        var schema = "c_" + Guid.NewGuid().ToString("N");
        await PostgresSchemas.CreateAsync(database, schema);
        var storage = PostgresStorage.Open(PostgresSchemas.ConnectionString(database, schema), TimeProvider.System);
        return (storage.Jobs, storage.Credits, async () =>
        {
            await storage.DisposeAsync();
            await PostgresSchemas.DropAsync(database, schema);
        });
    }
}
