using Microsoft.Data.Sqlite;
using Reelay.Accounts;

namespace Reelay.Storage.Sqlite;

/// <summary><see cref="IKeyStore"/> on the job store's SQLite file. Ids are stored as lower-case "D" strings.</summary>
public sealed class SqliteKeyStore(SqliteDatabase database) : IKeyStore
{
    private const string Columns = "id, name, role, secret_hash, created_at, revoked_at, webhook_secret_generation, leonardo_callback_url, leonardo_callback_key";

    public Task InsertAsync(ApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(key, static (s, key) =>
            s.Command($"INSERT INTO api_keys ({Columns}) VALUES ($id, $name, $role, $secret_hash, $created_at, $revoked_at, $generation, $cb_url, $cb_key)")
                .Bind("$id", Id(key.Id))
                .Bind("$name", key.Name)
                .Bind("$role", SqliteNames.Role(key.Role))
                .Bind("$secret_hash", key.SecretHash)
                .Bind("$created_at", key.CreatedAt)
                .Bind("$revoked_at", key.RevokedAt)
                .Bind("$generation", key.WebhookSecretGeneration)
                .Bind("$cb_url", key.LeonardoCallbackUrl)
                .Bind("$cb_key", key.LeonardoCallbackKey)
                .ExecuteNonQuery(), ct);
    }

    public Task<ApiKey?> GetAsync(Guid id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(id, static (s, id) =>
        {
            using var r = s.Command($"SELECT {Columns} FROM api_keys WHERE id = $id").Bind("$id", Id(id)).ExecuteReader();
            return r.Read() ? ReadKey(r) : null;
        }));
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ApiKey>>(database.Read(0, static (s, _) =>
        {
            var keys = new List<ApiKey>();
            using var r = s.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, id").ExecuteReader();
            while (r.Read()) keys.Add(ReadKey(r));
            return keys;
        }));
    }

    public Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((id, at), static (s, r) =>
            s.Command("UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL")
                .Bind("$id", Id(r.id))
                .Bind("$at", r.at)
                .ExecuteNonQuery() == 1, ct);

    public Task<bool> SetLeonardoCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct) =>
        database.WriteAsync((id, url, callbackKey), static (s, a) =>
            s.Command("UPDATE api_keys SET leonardo_callback_url = $url, leonardo_callback_key = $key WHERE id = $id")
                .Bind("$id", Id(a.id))
                .Bind("$url", a.url)
                .Bind("$key", a.callbackKey)
                .ExecuteNonQuery() == 1, ct);

    public Task<long> CountAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(0, static (s, _) => (long)s.Command("SELECT COUNT(*) FROM api_keys").ExecuteScalar()!));
    }

    private static string Id(Guid id) => id.ToString("D");

    private static ApiKey ReadKey(SqliteDataReader r) => new(
        Guid.ParseExact(r.GetString(0), "D"),
        r.GetString(1),
        SqliteNames.ParseRole(r.GetString(2)),
        (byte[])r.GetValue(3),
        r.GetTime(4),
        r.GetNullableTime(5),
        r.GetInt32(6),
        r.GetNullableString(7),
        r.GetNullableString(8));
}
