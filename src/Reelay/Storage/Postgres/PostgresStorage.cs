namespace Reelay.Storage.Postgres;

/// <summary>
/// The PostgreSQL-backed stores over one database, as one node holds them. <see cref="Open"/> does not migrate:
/// call <c>Jobs.MigrateAsync</c> at startup (safe when several nodes start together). Disposing closes the pool.
/// </summary>
public sealed class PostgresStorage : IAsyncDisposable
{
    private PostgresStorage(PostgresDatabase database)
    {
        Database = database;
        Jobs = new PostgresJobStore(database);
        Outbox = new PostgresWebhookOutbox(database);
        Keys = new PostgresKeyStore(database);
        Uploads = new PostgresUploadStore(database);
        Retention = new PostgresRetentionStore(database);
        Credits = new PostgresCreditStore(database);
    }

    public PostgresDatabase Database { get; }
    public PostgresJobStore Jobs { get; }
    public PostgresWebhookOutbox Outbox { get; }
    public PostgresKeyStore Keys { get; }
    public PostgresUploadStore Uploads { get; }
    public PostgresRetentionStore Retention { get; }
    public PostgresCreditStore Credits { get; }

    public static PostgresStorage Open(string connectionString, TimeProvider timeProvider) =>
        new(new PostgresDatabase(connectionString, timeProvider));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
