using Reelay.Storage.Rows;

namespace Reelay.Storage.Postgres;

/// <summary><see cref="IUploadStore"/> on the job store's PostgreSQL database.</summary>
public sealed class PostgresUploadStore(PostgresDatabase database) : IUploadStore
{
    private const string Columns = AccountRows.UploadColumns;

    public Task InsertAsync(UploadRecord upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return database.RunAsync(upload, static (c, u, ct) =>
            c.Command($"INSERT INTO uploads ({Columns}) VALUES (@id, @owner_key_id, @extension, @blob_ref, @expires_at, @created_at)")
                .Bind(AccountRows.UploadParameters(u))
                .RunAsync(ct), ct);
    }

    public Task<UploadRecord?> GetAsync(string id, CancellationToken ct) =>
        database.RunAsync(id, static (c, id, ct) =>
            c.Command($"SELECT {Columns} FROM uploads WHERE id = @id").Bind("id", id)
                .ReadAsync(r => r.Read() ? AccountRows.ReadUpload(r) : null, ct), ct);

    public async Task<bool> CompleteAsync(string id, string blobRef, DateTimeOffset now, CancellationToken ct) =>
        await database.RunAsync((id, blobRef, now), static (c, a, ct) =>
            c.Command("UPDATE uploads SET blob_ref = @blob WHERE id = @id AND expires_at >= @now")
                .Bind("id", a.id)
                .Bind("blob", a.blobRef)
                .Bind("now", a.now)
                .RunAsync(ct), ct).ConfigureAwait(false) == 1;
}
