using System.Buffers.Text;
using System.Text;
using Reelay.Security;

namespace Reelay.Tests.Security;

public sealed class Hs256JwtTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(10);

    [Fact]
    public void Validate_FreshToken_ValidAndIssuerReadable()
    {
        var token = Hs256Jwt.Create("key-1", "secret", Now, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
        Assert.Equal(JwtValidation.Valid, Hs256Jwt.Validate(token, "secret", Now, Skew));
        Assert.Equal("key-1", Hs256Jwt.ReadIssuer(token));
    }

    [Fact]
    public void Validate_WrongSecretOrTamperedClaims_BadSignature()
    {
        var token = Hs256Jwt.Create("key-1", "secret", Now, TimeSpan.FromMinutes(30), TimeSpan.Zero);
        Assert.Equal(JwtValidation.BadSignature, Hs256Jwt.Validate(token, "other", Now, Skew));
        var parts = token.Split('.');
        var forged = parts[0] + "." + Base64Url.EncodeToString("""{"iss":"key-2","exp":9999999999}"""u8) + "." + parts[2];
        Assert.Equal(JwtValidation.BadSignature, Hs256Jwt.Validate(forged, "secret", Now, Skew));
    }

    [Fact]
    public void Validate_ExpiredAndNotYetValid_Reported()
    {
        var token = Hs256Jwt.Create("k", "s", Now, TimeSpan.FromMinutes(30), TimeSpan.Zero);
        Assert.Equal(JwtValidation.Expired, Hs256Jwt.Validate(token, "s", Now.AddMinutes(31), Skew));
        Assert.Equal(JwtValidation.NotYetValid, Hs256Jwt.Validate(token, "s", Now.AddMinutes(-1), Skew));
        Assert.Equal(JwtValidation.Valid, Hs256Jwt.Validate(token, "s", Now.AddMinutes(30).AddSeconds(5), Skew));
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""", """{"iss":"k","exp":9999999999}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """{"iss":"k","exp":"soon"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """{"iss":"k","exp":9999999999,"nbf":"now"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """[1,2]""")]
    public void Validate_BadAlgorithmOrClaimTypes_Malformed(string header, string claims)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims));
        var sig = Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData("s"u8, Encoding.ASCII.GetBytes(input)));
        Assert.Equal(JwtValidation.Malformed, Hs256Jwt.Validate(input + "." + sig, "s", Now, Skew));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("!!!.???.***")]
    public void Validate_Garbage_Malformed(string token) => Assert.Equal(JwtValidation.Malformed, Hs256Jwt.Validate(token, "s", Now, Skew));
}
