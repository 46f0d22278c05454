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
                VALUES (@id, @name, @role, @secret_hash, @created_at, @revoked_at, @webhook_secret_generation, @leonardo_callback_url, @leonardo_callback_key)
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

    public async Task<bool> SetLeonardoCallbackAsync(Guid id, string? url, string? callbackKey, CancellationToken ct) =>
        await database.RunAsync((id, url, callbackKey), static (c, a, ct) =>
            c.Command("UPDATE api_keys SET leonardo_callback_url = @url, leonardo_callback_key = @key WHERE id = @id")
                .Bind("id", AccountRows.Id(a.id))
                .Bind("url", a.url)
                .Bind("key", a.callbackKey)
                .RunAsync(ct), ct).ConfigureAwait(false) == 1;

    public async Task<long> CountAsync(CancellationToken ct) =>
        (long)(await database.RunAsync(0, static (c, _, ct) => c.Command("SELECT COUNT(*) FROM api_keys").ScalarAsync(ct), ct).ConfigureAwait(false))!;
}
