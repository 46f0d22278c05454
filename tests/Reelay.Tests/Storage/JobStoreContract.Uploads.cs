using Reelay.Accounts;
using Reelay.Storage;

namespace Reelay.Tests.Storage;

// Upload records (Leonardo init-image flow) and per-key Leonardo callbacks.
public abstract partial class JobStoreContract
{
    [Fact]
    public async Task UploadCompleteAsync_WithinWindow_StoresReference()
    {
        var upload = new UploadRecord(Guid.NewGuid().ToString("D"), Guid.NewGuid(), "png", null, T0.AddMinutes(2), T0);
        await Uploads.InsertAsync(upload, Ct);

        Assert.True(await Uploads.CompleteAsync(upload.Id, "blob:inputs/abc.png", T0.AddMinutes(1), Ct));

        var stored = await Uploads.GetAsync(upload.Id, Ct);
        Assert.Equal(upload with { BlobRef = "blob:inputs/abc.png" }, stored);
    }

    [Fact]
    public async Task UploadCompleteAsync_AfterExpiry_RefusedAndReferenceStaysNull()
    {
        var upload = new UploadRecord(Guid.NewGuid().ToString("D"), Guid.NewGuid(), "jpg", null, T0.AddMinutes(2), T0);
        await Uploads.InsertAsync(upload, Ct);

        Assert.False(await Uploads.CompleteAsync(upload.Id, "blob:inputs/abc.jpg", T0.AddMinutes(3), Ct));
        Assert.Null((await Uploads.GetAsync(upload.Id, Ct))!.BlobRef);
    }

    [Fact]
    public async Task UploadCompleteAsync_UnknownId_ReturnsFalse()
    {
        Assert.False(await Uploads.CompleteAsync("nope", "blob:inputs/x.png", T0, Ct));
        Assert.Null(await Uploads.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task SetAccountCallbackAsync_ExistingKey_ReadBackAndClearable()
    {
        var key = new ApiKey(Guid.NewGuid(), "k", ApiKeyRole.User, [1, 2, 3], T0, null);
        await Keys.InsertAsync(key, Ct);

        Assert.True(await Keys.SetAccountCallbackAsync(key.Id, "https://example.com/cb", "secret", Ct));
        var stored = await Keys.GetAsync(key.Id, Ct);
        Assert.Equal(("https://example.com/cb", "secret"), (stored!.AccountCallbackUrl, stored.AccountCallbackKey));

        Assert.True(await Keys.SetAccountCallbackAsync(key.Id, null, null, Ct));
        stored = await Keys.GetAsync(key.Id, Ct);
        Assert.Null(stored!.AccountCallbackUrl);
        Assert.False(await Keys.SetAccountCallbackAsync(Guid.NewGuid(), "https://example.com/cb", null, Ct));
    }
}
