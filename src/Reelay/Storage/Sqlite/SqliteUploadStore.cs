using Reelay.Storage.Rows;

namespace Reelay.Storage.Sqlite;

/// <summary><see cref="IUploadStore"/> on the job store's SQLite file.</summary>
public sealed class SqliteUploadStore(SqliteDatabase database) : IUploadStore
{
    private const string Columns = AccountRows.UploadColumns;

    public Task InsertAsync(UploadRecord upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return database.WriteAsync(upload, static (s, u) =>
            s.Command($"INSERT INTO uploads ({Columns}) VALUES ($id, $owner_key_id, $extension, $blob_ref, $expires_at, $created_at)")
                .Bind(AccountRows.UploadParameters(u))
                .ExecuteNonQuery(), ct);
    }

    public Task<UploadRecord?> GetAsync(string id, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(database.Read(id, static (s, id) =>
        {
            using var r = s.Command($"SELECT {Columns} FROM uploads WHERE id = $id").Bind("$id", id).ExecuteReader();
            return r.Read() ? AccountRows.ReadUpload(r) : null;
        }));
    }

    public Task<bool> CompleteAsync(string id, string blobRef, DateTimeOffset now, CancellationToken ct) =>
        database.WriteAsync((id, blobRef, now), static (s, a) =>
            s.Command("UPDATE uploads SET blob_ref = $blob WHERE id = $id AND expires_at >= $now")
                .Bind("$id", a.id)
                .Bind("$blob", a.blobRef)
                .Bind("$now", a.now)
                .ExecuteNonQuery() == 1, ct);
}
