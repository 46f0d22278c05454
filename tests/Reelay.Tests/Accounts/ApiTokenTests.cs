using Reelay.Accounts;

namespace Reelay.Tests.Accounts;

public sealed class ApiTokenTests
{
    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        var id = Guid.NewGuid();
        var token = ApiToken.Format(id, "s3cr-et_x");
        Assert.True(ApiToken.TryParse(token, out var parsedId, out var secret));
        Assert.Equal(id, parsedId);
        Assert.Equal("s3cr-et_x", secret);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rly_")]
    [InlineData("rly_abc.def")]
    [InlineData("rly_00000000000000000000000000000000.")]
    [InlineData("xyz_00000000000000000000000000000000.secret")]
    [InlineData("rly_00000000-0000-0000-0000-000000000000.secret")]
    public void TryParse_Malformed_False(string? token) => Assert.False(ApiToken.TryParse(token, out _, out _));
}
