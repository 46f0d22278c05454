namespace Reelay.Storage.Sqlite;

/// <summary>
/// Applies the SQL scripts embedded under Storage/Sqlite/Migrations (<c>NNNN_name.sql</c>) in version order.
/// Each script runs in its own BEGIN IMMEDIATE transaction together with its schema_migrations row, and
/// is skipped when that row already exists; so a crash never leaves half a migration, and two processes
/// migrating the same file at once apply each script exactly once (the second waits, then skips).
/// </summary>
internal static class SqliteMigrator
{
    private static readonly Lazy<IReadOnlyList<EmbeddedMigration>> Embedded = new(() => EmbeddedMigrations.Load("Sqlite"));

    public static IReadOnlyList<(int Version, string Name)> Available =>
        [.. Embedded.Value.Select(m => (m.Version, m.Name))];

    public static async Task MigrateAsync(SqliteDatabase database, CancellationToken ct)
    {
        foreach (var migration in Embedded.Value)
        {
            await database.WriteAsync((migration, database.TimeProvider), static (session, s) =>
            {
                session.Execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version     INTEGER NOT NULL PRIMARY KEY,
                        name        TEXT    NOT NULL,
                        applied_at  INTEGER NOT NULL)
                    """);
                var applied = session.Command("SELECT 1 FROM schema_migrations WHERE version = $v")
                    .Bind("$v", s.migration.Version).ExecuteScalar() is not null;
                if (applied) return false;
                // A multi-statement script: compiled once, not worth caching.
                using (var script = session.Connection.CreateCommand())
                {
                    script.CommandText = s.migration.Sql;
                    script.ExecuteNonQuery();
                }
                session.Command("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $at)")
                    .Bind("$v", s.migration.Version)
                    .Bind("$n", s.migration.Name)
                    .Bind("$at", s.TimeProvider.GetUtcNow())
                    .ExecuteNonQuery();
                return true;
            }, ct).ConfigureAwait(false);
        }
    }
}
