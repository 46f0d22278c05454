using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Providers.Kling;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Providers.Kling;

public sealed class KlingAuthenticatorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly KeySecrets _secrets = new(RandomNumberGenerator.GetBytes(32));
    private readonly InMemoryKeyStore _store = new();
    private readonly Guid _keyId = Guid.NewGuid();
    private readonly KlingAuthenticator _auth;

    public KlingAuthenticatorTests()
    {
        _store.InsertAsync(new ApiKey(_keyId, "k", ApiKeyRole.User, KeySecrets.Hash(_secrets.ApiSecret(_keyId)), _time.GetUtcNow(), null), CancellationToken.None).Wait();
        _auth = new KlingAuthenticator(new ApiKeyAuthenticator(_store, _time), _secrets, _time);
    }

    [Theory]
    [InlineData(-1809, 0)]     // expired 9 s ago: within the skew
    [InlineData(-1812, 1004)]  // expired 12 s ago
    [InlineData(9, 0)]         // nbf 4 s ahead (minted 9 s in the future, nbf = now − 5 s)
    [InlineData(20, 1003)]     // nbf 15 s ahead
    public async Task Authenticate_TimesAroundSkew_ValidOrKlingCode(int mintedOffsetSeconds, int expected)
    {
        var lifetime = TimeSpan.FromSeconds(1800);
        var minted = _time.GetUtcNow().AddSeconds(mintedOffsetSeconds);
        var token = Hs256Jwt.Create(_keyId.ToString(), _secrets.ApiSecret(_keyId), minted, lifetime, TimeSpan.FromSeconds(5));
        var result = await _auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);
        Assert.Equal(expected, result.Code);
        Assert.Equal(expected == 0, result.Key is not null);
    }

    [Fact]
    public async Task Authenticate_ClaimOfWrongType_1002NotException()
    {
        var token = Sign($"{{\"iss\":\"{_keyId}\",\"exp\":\"later\",\"nbf\":\"soon\"}}", _secrets.ApiSecret(_keyId));
        var result = await _auth.AuthenticateAsync("Bearer " + token, CancellationToken.None);
        Assert.Equal(1002, result.Code);
    }

    [Theory]
    [InlineData(null, 1001)]
    [InlineData("", 1001)]
    [InlineData("Bearer ", 1001)]
    [InlineData("Basic abc", 1002)]
    [InlineData("Bearer not-a-jwt", 1002)]
    public async Task Authenticate_MissingOrMalformedHeader_KlingCode(string? header, int expected)
    {
        var result = await _auth.AuthenticateAsync(header, CancellationToken.None);
        Assert.Equal(expected, result.Code);
        Assert.Null(result.Key);
    }

    [Fact]
    public async Task Authenticate_RevokedKey_1000()
    {
        await _store.RevokeAsync(_keyId, _time.GetUtcNow(), CancellationToken.None);
        var token = Hs256Jwt.Create(_keyId.ToString(), _secrets.ApiSecret(_keyId), _time.GetUtcNow(), TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(5));
        Assert.Equal(1000, (await _auth.AuthenticateAsync("Bearer " + token, CancellationToken.None)).Code);
    }

    private static string Sign(string claims, string secret)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var input = B64(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + B64(Encoding.UTF8.GetBytes(claims));
        return input + "." + B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(input)));
    }
}
