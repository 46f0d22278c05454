using System.Text.Json;
using Npgsql;
using Reelay.IntegrationTests.Support;
using Reelay.TestSupport;

namespace Reelay.IntegrationTests.Cluster;

/// <summary>The server and the CLI with Reelay:Storage:Provider=postgres, against the run's throwaway PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBackendTests(PostgresServer postgres)
{
    [Fact]
    public async Task NativeCreate_OnPostgres_CompletesAndDeliversWebhook()
    {
        var database = await postgres.DatabaseAsync("it_native");
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Storage:Provider"] = "postgres",
            ["Reelay:Storage:Postgres:ConnectionString"] = database,
        });
        using var http = server.Http(server.User);

        var id = (await Json.PostAsync(http, "/v1/videos", new
        {
            prompt = "a lighthouse on postgres",
            duration = 1,
            webhook = new { url = sink.Url.ToString(), events = new[] { "completed" } },
        })).GetProperty("id").GetString()!;

        var job = await Json.WaitTerminalAsync(http, id);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var delivered = await Eventually.ReturnsAsync(
            () => Task.FromResult(sink.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList()),
            hooks => hooks.Any(h => h.GetProperty("type").GetString() == "video.completed"),
            TimeSpan.FromSeconds(30), "completed webhook delivered");
        Assert.Equal(id, delivered.Single(h => h.GetProperty("type").GetString() == "video.completed").GetProperty("data").GetProperty("id").GetString());
        // The job lives in PostgreSQL, not in an embedded SQLite file.
        Assert.Equal("succeeded", await ScalarAsync(database, $"SELECT status FROM jobs WHERE id = '{id}'"));
        Assert.False(File.Exists(Path.Combine(server.DataDir, "reelay.db")));
    }

    [Fact]
    public async Task MigrateCommand_OnPostgres_AppliesSchemaOnceAndIsRepeatable()
    {
        var database = await postgres.DatabaseAsync("it_migrate");
        var dir = TempDirs.Create("reelay-pg-migrate");
        try
        {
            string[] args =
            [
                "migrate", "--data-dir", Path.Combine(dir, "data"),
                "--Reelay:Storage:Provider", "postgres", "--Reelay:Storage:Postgres:ConnectionString", database,
            ];
            var first = await CliRunner.RunAsync(dir, args);
            var second = await CliRunner.RunAsync(dir, args);

            Assert.True(first.Code == 0, first.Stderr);
            Assert.Contains("migrations applied", first.Stdout);
            Assert.True(second.Code == 0, second.Stderr);
            var shipped = typeof(Reelay.Storage.IJobStore).Assembly.GetManifestResourceNames().Count(n => n.Contains(".Storage.Postgres.Migrations.", StringComparison.Ordinal));
            Assert.Equal((long)shipped, await ScalarAsync(database, "SELECT COUNT(*) FROM schema_migrations"));
            Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM jobs"));
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    [Fact]
    public async Task MigrateCommand_PostgresWithoutConnectionString_FailsNamingTheSetting()
    {
        var dir = TempDirs.Create("reelay-pg-migrate");
        try
        {
            var (code, _, stderr) = await CliRunner.RunAsync(dir, "migrate", "--data-dir", Path.Combine(dir, "data"), "--Reelay:Storage:Provider", "postgres");

            Assert.NotEqual(0, code);
            Assert.Contains("Reelay:Storage:Postgres:ConnectionString", stderr);
        }
        finally
        {
            TempDirs.Delete(dir);
        }
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
