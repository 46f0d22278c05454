using Reelay.Accounts;
using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary><see cref="IKeyStore"/> on the job store's PostgreSQL database. Ids are stored as lower-case "D" strings.</summary>
public sealed class PostgresKeyStore(PostgresDatabase database) : IKeyStore
{
    private const string Columns = AccountRows.KeyColumns;

    public Task InsertAsync(ApiKey key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.RunAsync(key, static (c, key, ct) =>
            c.Command($"""
                INSERT INTO api_keys ({Columns})
                VALUES (@id, @name, @role, @secret_hash, @created_at, @revoked_at, @webhook_secret_generation, @leonardo_callback_url, @leonardo_callback_key,
                        @requests_per_minute, @max_concurrent_jobs, @allowed_models, @webhook_secret_rotated_at)
                """)
                .Bind(AccountRows.KeyParameters(key))
                .RunAsync(ct), ct);
    }

    public Task<ApiKey?> GetAsync(Guid id, CancellationToken ct) =>
        database.RunAsync(id, static (c, id, ct) =>
            c.Command($"SELECT {Columns} FROM api_keys WHERE id = @id").Bind("id", AccountRows.Id(id))
                .ReadAsync(r => r.Read() ? AccountRows.ReadKey(r) : null, ct), ct);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) =>
        await database.RunAsync(0, static (c, _, ct) =>
            c.Command($"SELECT {Columns} FROM api_keys ORDER BY created_at, id").ReadAsync(r =>
            {
                var keys = new List<ApiKey>();
                while (r.Read()) keys.Add(AccountRows.ReadKey(r));
                return keys;
            }, ct), ct).ConfigureAwait(false);

    public async Task<bool> RevokeAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        await database.RunAsync((id, at), static (c, a, ct) =>
            c.Command("UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL")
                .Bind("id", AccountRows.Id(a.id))
                .Bind("at", a.at)
                .RunAsync(ct), ct).ConfigureAwait(false) == 1;

    public async Task<bool> SetAccountCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct) =>
        await database.RunAsync((id, url, callbackKey), static (c, a, ct) =>
            c.Command("UPDATE api_keys SET leonardo_callback_url = @url, leonardo_callback_key = @key WHERE id = @id")
                .Bind("id", AccountRows.Id(a.id))
                .Bind("url", a.url)
                .Bind("key", a.callbackKey)
                .RunAsync(ct), ct).ConfigureAwait(false) == 1;

    public async Task<bool> UpdateSettingsAsync(Guid id, string name, KeyLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return await database.RunAsync((id, name, limits), static (c, a, ct) =>
            c.Command("""
                UPDATE api_keys SET name = @name, requests_per_minute = @requests_per_minute,
                    max_concurrent_jobs = @max_concurrent_jobs, allowed_models = @allowed_models
                WHERE id = @id
                """)
                .Bind("id", AccountRows.Id(a.id))
                .Bind("name", a.name)
                .Bind(AccountRows.LimitParameters(a.limits))
                .RunAsync(ct), ct).ConfigureAwait(false) == 1;
    }

    // If the connection drops after the commit, the wrapper's retry advances the generation a second time: the
    // secret handed out before the rotation then stops signing at once instead of after the grace period. Rotation
    // is a rare operator action, so that is accepted rather than adding a rotation token.
    public Task<ApiKey?> RotateWebhookSecretAsync(Guid id, DateTimeOffset at, CancellationToken ct) =>
        database.RunAsync((id, at), static (c, a, ct) =>
            c.Command($"""
                UPDATE api_keys SET webhook_secret_generation = webhook_secret_generation + 1, webhook_secret_rotated_at = @at
                WHERE id = @id AND revoked_at IS NULL
                RETURNING {Columns}
                """)
                .Bind("id", AccountRows.Id(a.id))
                .Bind("at", a.at)
                .ReadAsync(r => r.Read() ? AccountRows.ReadKey(r) : null, ct), ct);

    public async Task<long> CountAsync(CancellationToken ct) =>
        (long)(await database.RunAsync(0, static (c, _, ct) => c.Command("SELECT COUNT(*) FROM api_keys").ScalarAsync(ct), ct).ConfigureAwait(false))!;
}
