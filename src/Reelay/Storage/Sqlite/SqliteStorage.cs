namespace Reelay.Storage.Sqlite;

/// <summary>
/// The three SQLite-backed stores over one database file. <see cref="Open"/> does not migrate: call
/// <c>Jobs.MigrateAsync</c> once at startup (safe when several processes start together).
/// Disposing closes the file's connections.
/// </summary>
public sealed class SqliteStorage : IDisposable
{
    private SqliteStorage(SqliteDatabase database)
    {
        Database = database;
        Jobs = new SqliteJobStore(database);
        Outbox = new SqliteWebhookOutbox(database);
        Keys = new SqliteKeyStore(database);
        Uploads = new SqliteUploadStore(database);
        Retention = new SqliteRetentionStore(database);
        Credits = new SqliteCreditStore(database);
    }

    public SqliteDatabase Database { get; }
    public SqliteJobStore Jobs { get; }
    public SqliteWebhookOutbox Outbox { get; }
    public SqliteKeyStore Keys { get; }
    public SqliteUploadStore Uploads { get; }
    public SqliteRetentionStore Retention { get; }
    public SqliteCreditStore Credits { get; }

    public static SqliteStorage Open(string path, TimeProvider timeProvider) =>
        new(new SqliteDatabase(path, timeProvider));

    public void Dispose() => Database.Dispose();
}
