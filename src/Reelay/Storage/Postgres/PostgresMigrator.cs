using Npgsql;

namespace Reelay.Storage.Postgres;

/// <summary>
/// Applies the SQL scripts embedded under Storage/Postgres/Migrations (<c>NNNN_name.sql</c>) in version order.
/// The whole run holds a session advisory lock, so nodes starting together migrate one after the other and each
/// script is applied exactly once (the others wait, then find its schema_migrations row). Each script commits in
/// one transaction with its row, so a crash never leaves half a migration; a dropped connection frees the lock.
/// </summary>
internal static class PostgresMigrator
{
    /// <summary>Advisory lock key shared by every node ("reelay" in ASCII); only its equality matters.</summary>
    private const long LockKey = 0x7265656C6179;

    private static readonly Lazy<IReadOnlyList<EmbeddedMigration>> Embedded = new(() => EmbeddedMigrations.Load("Postgres"));

    public static Task MigrateAsync(PostgresDatabase database, CancellationToken ct) =>
        database.RunAsync(database, static async (connection, database, ct) =>
        {
            // Waits as long as another node's migration takes (no command timeout); cancellation still applies.
            var lockCommand = connection.Command("SELECT pg_advisory_lock(@key)").Bind("key", LockKey);
            lockCommand.CommandTimeout = 0;
            await lockCommand.RunAsync(ct).ConfigureAwait(false);
            try
            {
                await connection.Command("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version     INTEGER NOT NULL PRIMARY KEY,
                        name        TEXT    NOT NULL,
                        applied_at  BIGINT  NOT NULL)
                    """).RunAsync(ct).ConfigureAwait(false);
                foreach (var migration in Embedded.Value)
                {
                    if (await ApplyAsync(connection, migration, database.TimeProvider, ct).ConfigureAwait(false))
                        PostgresLog.MigrationApplied(database.Logger, migration.Version, migration.Name);
                }
            }
            finally
            {
                await UnlockAsync(connection).ConfigureAwait(false);
            }
            return 0;
        }, ct);

    private static async Task<bool> ApplyAsync(NpgsqlConnection connection, EmbeddedMigration migration, TimeProvider time, CancellationToken ct)
    {
        var applied = await connection.Command("SELECT 1 FROM schema_migrations WHERE version = @v")
            .Bind("v", migration.Version).ScalarAsync(ct).ConfigureAwait(false) is not null;
        if (applied) return false;
        var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var script = connection.Command(migration.Sql);
            script.CommandTimeout = 0;
            await script.RunAsync(ct).ConfigureAwait(false);
            await connection.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @at)")
                .Bind("v", migration.Version)
                .Bind("n", migration.Name)
                .Bind("at", time.GetUtcNow())
                .RunAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }
        return true;
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.Command("SELECT pg_advisory_unlock(@key)").Bind("key", LockKey).RunAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the session lock went with it.
        }
    }
}
