using Reelay.Accounts;
using Reelay.Storage;
using Reelay.Storage.Sqlite;
using Reelay.Tests.Support;

namespace Reelay.Tests.Storage.Sqlite;

/// <summary>Upload records and per-key Leonardo callbacks (migration 0002) on a real SQLite file.</summary>
public sealed class SqliteUploadStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new("reelay-uploads");
    private SqliteStorage _storage = null!;

    public async Task InitializeAsync()
    {
        _storage = SqliteStorage.Open(_dir.File("reelay.db"), TimeProvider.System);
        await _storage.Jobs.MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _storage.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task CompleteAsync_WithinWindow_StoresReference()
    {
        var upload = new UploadRecord(Guid.NewGuid().ToString("D"), Guid.NewGuid(), "png", null, T0.AddMinutes(2), T0);
        await _storage.Uploads.InsertAsync(upload, CancellationToken.None);

        Assert.True(await _storage.Uploads.CompleteAsync(upload.Id, "blob:inputs/abc.png", T0.AddMinutes(1), CancellationToken.None));

        var stored = await _storage.Uploads.GetAsync(upload.Id, CancellationToken.None);
        Assert.Equal(upload with { BlobRef = "blob:inputs/abc.png" }, stored);
    }

    [Fact]
    public async Task CompleteAsync_AfterExpiry_RefusedAndReferenceStaysNull()
    {
        var upload = new UploadRecord(Guid.NewGuid().ToString("D"), Guid.NewGuid(), "jpg", null, T0.AddMinutes(2), T0);
        await _storage.Uploads.InsertAsync(upload, CancellationToken.None);

        Assert.False(await _storage.Uploads.CompleteAsync(upload.Id, "blob:inputs/abc.jpg", T0.AddMinutes(3), CancellationToken.None));
        Assert.Null((await _storage.Uploads.GetAsync(upload.Id, CancellationToken.None))!.BlobRef);
    }

    [Fact]
    public async Task CompleteAsync_UnknownId_ReturnsFalse()
    {
        Assert.False(await _storage.Uploads.CompleteAsync("nope", "blob:inputs/x.png", T0, CancellationToken.None));
        Assert.Null(await _storage.Uploads.GetAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task SetLeonardoCallbackAsync_ExistingKey_ReadBackAndClearable()
    {
        var key = new ApiKey(Guid.NewGuid(), "k", ApiKeyRole.User, [1, 2, 3], T0, null);
        await _storage.Keys.InsertAsync(key, CancellationToken.None);

        Assert.True(await _storage.Keys.SetLeonardoCallbackAsync(key.Id, "https://example.com/cb", "secret", CancellationToken.None));
        var stored = await _storage.Keys.GetAsync(key.Id, CancellationToken.None);
        Assert.Equal(("https://example.com/cb", "secret"), (stored!.LeonardoCallbackUrl, stored.LeonardoCallbackKey));

        Assert.True(await _storage.Keys.SetLeonardoCallbackAsync(key.Id, null, null, CancellationToken.None));
        stored = await _storage.Keys.GetAsync(key.Id, CancellationToken.None);
        Assert.Null(stored!.LeonardoCallbackUrl);
        Assert.False(await _storage.Keys.SetLeonardoCallbackAsync(Guid.NewGuid(), "https://example.com/cb", null, CancellationToken.None));
    }
}
