using Reelay.Accounts;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary><see cref="IKeyStore"/> on the job store's SQLite file. Ids are stored as lower-case "D" strings.</summary>
public sealed class SqliteKeyStore(SqliteDatabase database) : IKeyStore
{
    private const string Columns = AccountRows.KeyColumns;

    public Task InsertAsync(ApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(key, static (s, key) =>
            s.Command($"""
                INSERT INTO api_keys ({Columns})
                VALUES ($id, $name, $role, $secret_hash, $created_at, $revoked_at, $webhook_secret_generation, $leonardo_callback_url, $leonardo_callback_key,
                        $requests_per_minute, $max_concurrent_jobs, $allowed_models, $webhook_secret_rotated_at)
                """)
                .Bind(AccountRows.KeyParameters(key))
                .ExecuteNonQuery(), ct);
    }

    public Task<ApiKey?> GetAsync(Guid id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(id, static (s, id) =>
        {
            using var r = s.Command($"SELECT {Columns} FROM api_keys WHERE id = $id").Bind("$id", AccountRows.Id(id)).ExecuteReader();
            return r.Read() ? AccountRows.ReadKey(r) : null;
        }));
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ApiKey>>(database.Read(0, static (s, _) =>
        {
            var keys = new List<ApiKey>();
            using var r = s.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, id").ExecuteReader();
            while (r.Read()) keys.Add(AccountRows.ReadKey(r));
            return keys;
        }));
    }

    public Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((id, at), static (s, r) =>
            s.Command("UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL")
                .Bind("$id", AccountRows.Id(r.id))
                .Bind("$at", r.at)
                .ExecuteNonQuery() == 1, ct);

    public Task<bool> SetAccountCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct) =>
        database.WriteAsync((id, url, callbackKey), static (s, a) =>
            s.Command("UPDATE api_keys SET leonardo_callback_url = $url, leonardo_callback_key = $key WHERE id = $id")
                .Bind("$id", AccountRows.Id(a.id))
                .Bind("$url", a.url)
                .Bind("$key", a.callbackKey)
                .ExecuteNonQuery() == 1, ct);

    public Task<bool> UpdateSettingsAsync(Guid id, string name, KeyLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return database.WriteAsync((id, name, limits), static (s, a) =>
            s.Command("""
                UPDATE api_keys SET name = $name, requests_per_minute = $requests_per_minute,
                    max_concurrent_jobs = $max_concurrent_jobs, allowed_models = $allowed_models
                WHERE id = $id
                """)
                .Bind("$id", AccountRows.Id(a.id))
                .Bind("$name", a.name)
                .Bind(AccountRows.LimitParameters(a.limits))
                .ExecuteNonQuery() == 1, ct);
    }

    public Task<ApiKey?> RotateWebhookSecretAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        database.WriteAsync((id, at), static (s, a) =>
        {
            using var r = s.Command($"""
                UPDATE api_keys SET webhook_secret_generation = webhook_secret_generation + 1, webhook_secret_rotated_at = $at
                WHERE id = $id AND revoked_at IS NULL
                RETURNING {Columns}
                """)
                .Bind("$id", AccountRows.Id(a.id))
                .Bind("$at", a.at)
                .ExecuteReader();
            return r.Read() ? AccountRows.ReadKey(r) : null;
        }, ct);

    public Task<long> CountAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(0, static (s, _) => (long)s.Command("SELECT COUNT(*) FROM api_keys").ExecuteScalar()!));
    }
}
