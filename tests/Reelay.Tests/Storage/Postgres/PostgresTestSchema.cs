using Reelay.Storage.Postgres;
using Reelay.TestSupport;

namespace Reelay.Tests.Storage.Postgres;

/// <summary>
/// A fresh schema in a test class's database, and the nodes (store sets) opened over it. Disposing closes the nodes
/// and drops the schema.
/// </summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly List<PostgresStorage> _opened = [];
    private readonly string _database;

    private PostgresTestSchema(string database, string name)
    {
        _database = database;
        Name = name;
        ConnectionString = PostgresSchemas.ConnectionString(database, name);
    }

    public string Name { get; }

    /// <summary>Connects to the test database with this schema as search path.</summary>
    public string ConnectionString { get; }

    public static async Task<PostgresTestSchema> CreateAsync(PostgresServer server, string database)
    {
        var schema = new PostgresTestSchema(await server.DatabaseAsync(database), "t_" + Guid.NewGuid().ToString("N"));
        await PostgresSchemas.CreateAsync(schema._database, schema.Name);
        return schema;
    }

    /// <summary>Another node over this schema (its own connection pool), not migrated.</summary>
    public PostgresStorage Open()
    {
        var storage = PostgresStorage.Open(ConnectionString, TimeProvider.System);
        _opened.Add(storage);
        return storage;
    }

    /// <summary>A migrated node.</summary>
    public async Task<PostgresStorage> OpenMigratedAsync()
    {
        var storage = Open();
        await storage.Jobs.MigrateAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Runs <paramref name="sql"/> in this schema on a fresh connection; the first column of the first row.</summary>
    public Task<object?> ScalarAsync(string sql) => PostgresSchemas.ExecuteAsync(ConnectionString, sql);

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _opened) await storage.DisposeAsync();
        await PostgresSchemas.DropAsync(_database, Name);
    }
}
