using System.Buffers.Text;
using System.Text;
using Reelay.Security;

namespace Reelay.Tests.Security;

public sealed class Hs256JwtTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(10);

    // Kling's secret keys are 32 characters; the validator needs a 256-bit key.
    private const string Secret = "sk-0123456789abcdef0123456789abcd";
    private const string OtherSecret = "sk-fedcba9876543210fedcba98765432";

    [Fact]
    public async Task ValidateAsync_FreshToken_ValidAndIssuerReadable()
    {
        var token = Hs256Jwt.Create("key-1", Secret, Now, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
        Assert.Equal(JwtValidation.Valid, await Hs256Jwt.ValidateAsync(token, Secret, Now, Skew));
        Assert.Equal("key-1", Hs256Jwt.ReadIssuer(token));
    }

    [Fact]
    public async Task ValidateAsync_WrongSecretOrTamperedClaims_BadSignature()
    {
        var token = Hs256Jwt.Create("key-1", Secret, Now, TimeSpan.FromMinutes(30), TimeSpan.Zero);
        Assert.Equal(JwtValidation.BadSignature, await Hs256Jwt.ValidateAsync(token, OtherSecret, Now, Skew));
        var parts = token.Split('.');
        var forged = parts[0] + "." + Base64Url.EncodeToString("""{"iss":"key-2","exp":9999999999}"""u8) + "." + parts[2];
        Assert.Equal(JwtValidation.BadSignature, await Hs256Jwt.ValidateAsync(forged, Secret, Now, Skew));
    }

    [Fact]
    public async Task ValidateAsync_SecretShorterThan256Bits_VerifiesNothing()
    {
        var token = Hs256Jwt.Create("key-1", "short", Now, TimeSpan.FromMinutes(30), TimeSpan.Zero);
        Assert.Equal(JwtValidation.BadSignature, await Hs256Jwt.ValidateAsync(token, "short", Now, Skew));
    }

    [Fact]
    public async Task ValidateAsync_ExpiredAndNotYetValid_Reported()
    {
        var token = Hs256Jwt.Create("k", Secret, Now, TimeSpan.FromMinutes(30), TimeSpan.Zero);
        Assert.Equal(JwtValidation.Expired, await Hs256Jwt.ValidateAsync(token, Secret, Now.AddMinutes(31), Skew));
        Assert.Equal(JwtValidation.NotYetValid, await Hs256Jwt.ValidateAsync(token, Secret, Now.AddMinutes(-1), Skew));
        Assert.Equal(JwtValidation.Valid, await Hs256Jwt.ValidateAsync(token, Secret, Now.AddMinutes(30).AddSeconds(5), Skew));
    }

    [Theory]
    [InlineData("""{"alg":"none","typ":"JWT"}""", """{"iss":"k","exp":9999999999}""")]
    [InlineData("""{"alg":"HS512","typ":"JWT"}""", """{"iss":"k","exp":9999999999}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """{"iss":"k"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """{"iss":"k","exp":"soon"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """{"iss":"k","exp":9999999999,"nbf":"now"}""")]
    [InlineData("""{"alg":"HS256","typ":"JWT"}""", """[1,2]""")]
    public async Task ValidateAsync_BadAlgorithmOrClaimTypes_Malformed(string header, string claims)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header)) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims));
        var sig = Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(input)));
        Assert.Equal(JwtValidation.Malformed, await Hs256Jwt.ValidateAsync(input + "." + sig, Secret, Now, Skew));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("!!!.???.***")]
    public async Task ValidateAsync_Garbage_Malformed(string token) =>
        Assert.Equal(JwtValidation.Malformed, await Hs256Jwt.ValidateAsync(token, Secret, Now, Skew));
}
