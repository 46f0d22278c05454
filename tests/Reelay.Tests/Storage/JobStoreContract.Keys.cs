using Reelay.Accounts;

namespace Reelay.Tests.Storage;

public abstract partial class JobStoreContract
{
    [Fact]
    public async Task KeyInsertAsync_NewKey_GetReturnsEveryField()
    {
        var key = NewKey("ci", T0, ApiKeyRole.Admin) with { WebhookSecretGeneration = 3 };

        await Keys.InsertAsync(key, Ct);

        var stored = await Keys.GetAsync(key.Id, Ct);
        Assert.NotNull(stored);
        Assert.Equal(key.Id, stored.Id);
        Assert.Equal("ci", stored.Name);
        Assert.Equal(ApiKeyRole.Admin, stored.Role);
        Assert.Equal(key.SecretHash, stored.SecretHash);
        Assert.Equal(T0, stored.CreatedAt);
        Assert.Null(stored.RevokedAt);
        Assert.Equal(3, stored.WebhookSecretGeneration);
    }

    [Fact]
    public async Task KeyGetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Keys.GetAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task KeyListAsync_SeveralKeys_ReturnsAllAndCountMatches()
    {
        var first = NewKey("first", T0);
        var second = NewKey("second", T0.AddSeconds(1));
        await Keys.InsertAsync(second, Ct);
        await Keys.InsertAsync(first, Ct);

        var keys = await Keys.ListAsync(Ct);

        Assert.Equal(new[] { first.Id, second.Id }.Order(), keys.Select(k => k.Id).Order());
        Assert.Equal(2, await Keys.CountAsync(Ct));
    }

    [Fact]
    public async Task KeyRevokeAsync_ActiveKey_RevokesOnce()
    {
        var key = NewKey("old", T0);
        await Keys.InsertAsync(key, Ct);

        Assert.True(await Keys.RevokeAsync(key.Id, T0.AddDays(1), Ct));
        Assert.False(await Keys.RevokeAsync(key.Id, T0.AddDays(2), Ct));

        var stored = await Keys.GetAsync(key.Id, Ct);
        Assert.Equal(T0.AddDays(1), stored!.RevokedAt);
        Assert.False(stored.IsActive);
    }

    [Fact]
    public async Task KeyRevokeAsync_UnknownKey_ReturnsFalse()
    {
        Assert.False(await Keys.RevokeAsync(Guid.NewGuid(), T0, Ct));
    }
}
