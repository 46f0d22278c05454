using Reelay.Accounts;
using Reelay.WebConsole;

namespace Reelay.Tests.WebConsole;

public sealed class UsageScopeTests
{
    private static ApiKey Key(ApiKeyRole role) => new(Guid.NewGuid(), "k", role, [1], DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void KeyFilter_UserAsksForAnotherKey_GetsItsOwn()
    {
        var user = Key(ApiKeyRole.User);

        Assert.Equal(user.Id.ToString("D"), UsageScope.KeyFilter(user, Guid.NewGuid().ToString()));
    }

    [Fact]
    public void KeyFilter_AdminWithoutKey_SeesAll() => Assert.Null(UsageScope.KeyFilter(Key(ApiKeyRole.Admin), null));

    [Fact]
    public void KeyFilter_AdminPicksKey_GetsThatKey()
    {
        var picked = Guid.NewGuid();

        Assert.Equal(picked.ToString("D"), UsageScope.KeyFilter(Key(ApiKeyRole.Admin), picked.ToString("N").ToUpperInvariant()));
    }
}
