using System.Globalization;
using System.Reflection;

namespace Reelay.Storage;

/// <summary>One versioned schema script embedded in the assembly.</summary>
internal sealed record EmbeddedMigration(int Version, string Name, string Sql);

/// <summary>
/// Loads the SQL scripts a backend embeds under <c>Storage/&lt;Backend&gt;/Migrations</c> (<c>NNNN_name.sql</c>), in
/// version order. A badly named script or a duplicate version fails the load instead of being skipped.
/// </summary>
internal static class EmbeddedMigrations
{
    public static IReadOnlyList<EmbeddedMigration> Load(string backend)
    {
        var marker = $".Storage.{backend}.Migrations.";
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<EmbeddedMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var at = resource.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal)) continue;
            var file = resource[(at + marker.Length)..^".sql".Length];
            var underscore = file.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(file.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                throw new InvalidOperationException($"migration resource '{resource}' is not named NNNN_name.sql");
            migrations.Add(new EmbeddedMigration(version, file[(underscore + 1)..], ReadResource(assembly, resource)));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
                throw new InvalidOperationException($"two {backend} migrations have version {migrations[i].Version}");
        }
        if (migrations.Count == 0) throw new InvalidOperationException($"no {backend} migrations are embedded");
        return migrations;
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource '{name}' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
