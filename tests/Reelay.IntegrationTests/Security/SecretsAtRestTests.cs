using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;
using Reelay.TestSupport;

namespace Reelay.IntegrationTests.Security;

/// <summary>
/// Secrets at rest: a store holds only SHA-256 hashes of key secrets, and no form of a key's token, secret or
/// webhook secret (current or rotated) appears anywhere in the database — every table of PostgreSQL, every byte of
/// the SQLite file and its write-ahead log. Secrets are re-derived from the master key, which is not in the store.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SecretsAtRestTests(PostgresServer postgres)
{
    [Fact]
    public async Task SqliteStore_AfterKeysJobsAndRotation_HoldsOnlyHashes()
    {
        await using var server = await ReelayTestServer.StartAsync();
        var (secrets, jobId) = await ExerciseAsync(server);

        await using (var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "reelay.db")};Mode=ReadOnly;Pooling=False"))
        {
            await db.OpenAsync();
            await using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT id, secret_hash FROM api_keys";
            await using var reader = await cmd.ExecuteReaderAsync();
            var hashes = new Dictionary<Guid, byte[]>();
            while (await reader.ReadAsync()) hashes[Guid.Parse(reader.GetString(0))] = (byte[])reader[1];
            AssertHashes(server, hashes);
        }
        var files = Directory.GetFiles(server.DataDir, "reelay.db*");
        Assert.NotEmpty(files);
        var bytes = files.SelectMany(f => ReadShared(f)).ToArray();
        AssertNoneIn(bytes, secrets, jobId);
    }

    [Fact]
    public async Task PostgresStore_AfterKeysJobsAndRotation_HoldsOnlyHashes()
    {
        var database = await postgres.DatabaseAsync("it_secrets_at_rest");
        await using var server = await ReelayTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Reelay:Storage:Provider"] = "postgres",
            ["Reelay:Storage:Postgres:ConnectionString"] = database,
        });
        var (secrets, jobId) = await ExerciseAsync(server);

        await using var db = new NpgsqlConnection(database);
        await db.OpenAsync();
        var hashes = new Dictionary<Guid, byte[]>();
        await using (var cmd = new NpgsqlCommand("SELECT id, secret_hash FROM api_keys", db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) hashes[Guid.Parse(reader.GetValue(0).ToString()!)] = (byte[])reader[1];
        }
        AssertHashes(server, hashes);

        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("api_keys", tables);
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", db);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) dump.AppendLine(reader.GetString(0));
        }
        AssertNoneIn(Encoding.UTF8.GetBytes(dump.ToString()), secrets, jobId);
    }

    /// <summary>Keys, a webhook secret rotation and a job with a webhook; returns every secret form that must not be stored.</summary>
    private static async Task<(Dictionary<string, byte[]> Secrets, string JobId)> ExerciseAsync(ReelayTestServer server)
    {
        using var admin = server.Http(server.Admin);
        var rotated = await Json.PostAsync(admin, $"/v1/admin/keys/{server.User.Key.Id}/webhook-secret/rotate", new { });
        var rotatedSecret = rotated.GetProperty("webhook_secret").GetString()!;
        using var user = server.Http(server.User);
        var id = (await Json.PostAsync(user, "/v1/videos", new { prompt = "at rest", duration = 1, webhook = new { url = "http://127.0.0.1:9/hook" } })).GetProperty("id").GetString()!;
        await Json.WaitTerminalAsync(user, id);

        var secrets = new Dictionary<string, byte[]>();
        foreach (var (name, key) in new[] { ("admin", server.Admin), ("user", server.User) })
        {
            Add(secrets, $"{name} secret", key.Secret);
            Add(secrets, $"{name} token", key.Token);
            Add(secrets, $"{name} webhook secret", key.WebhookSecret);
            secrets[$"{name} webhook secret bytes"] = Convert.FromBase64String(key.WebhookSecret["whsec_".Length..]);
        }
        Add(secrets, "rotated webhook secret", rotatedSecret);
        secrets["rotated webhook secret bytes"] = Convert.FromBase64String(rotatedSecret["whsec_".Length..]);
        return (secrets, id);
    }

    private static void Add(Dictionary<string, byte[]> secrets, string name, string value)
    {
        secrets[name] = Encoding.UTF8.GetBytes(value);
        secrets[name + " (utf-16)"] = Encoding.Unicode.GetBytes(value);
    }

    private static void AssertHashes(ReelayTestServer server, Dictionary<Guid, byte[]> hashes)
    {
        Assert.Equal(KeySecrets.Hash(server.Admin.Secret), hashes[server.Admin.Key.Id]);
        Assert.Equal(KeySecrets.Hash(server.User.Secret), hashes[server.User.Key.Id]);
        Assert.All(hashes.Values, h => Assert.Equal(32, h.Length));
    }

    /// <param name="stored">A value known to be stored (the job's id): shows the search can find what is there.</param>
    private static void AssertNoneIn(byte[] haystack, Dictionary<string, byte[]> secrets, string stored)
    {
        Assert.True(haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(stored)) >= 0, $"the job id is not in the {haystack.Length} bytes read");
        var found = secrets.Where(s => haystack.AsSpan().IndexOf(s.Value) >= 0).Select(s => s.Key).ToList();
        Assert.True(found.Count == 0, "stored in clear: " + string.Join(", ", found));
    }

    private static byte[] ReadShared(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }
}
