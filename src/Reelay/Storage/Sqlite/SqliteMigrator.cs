using System.Globalization;
using System.Reflection;

namespace Reelay.Storage.Sqlite;

/// <summary>
/// Applies the SQL scripts embedded under Storage/Sqlite/Migrations (<c>NNNN_name.sql</c>) in version order.
/// Each script runs in its own BEGIN IMMEDIATE transaction together with its schema_migrations row, and
/// is skipped when that row already exists; so a crash never leaves half a migration, and two processes
/// migrating the same file at once apply each script exactly once (the second waits, then skips).
/// </summary>
internal static class SqliteMigrator
{
    private const string ResourceMarker = ".Migrations.";

    private static readonly Lazy<IReadOnlyList<Migration>> Embedded = new(LoadEmbedded);

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

    private static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(SqliteMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var marker = resource.LastIndexOf(ResourceMarker, StringComparison.Ordinal);
            if (marker < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var file = resource[(marker + ResourceMarker.Length)..^".sql".Length];
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"migration resource '{resource}' is not named NNNN_name.sql");
            migrations.Add(new Migration(version, file[(underscore + 1)..], ReadResource(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
                throw new InvalidOperationException($"two migrations have version {migrations[i].Version}");
        }
        if (migrations.Count == 0) throw new InvalidOperationException("no SQLite migrations are embedded");
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Migration(int Version, string Name, string Sql);
}
