using Reelay.Accounts;
using Reelay.Providers.Leonardo;
using Reelay.Security;

namespace Reelay.Tests.Providers.Leonardo;

public sealed class LeonardoUploadPolicyTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LeonardoUploadPolicy _policy = new(new UrlSigner(new KeySecrets(new byte[32])));

    private bool Verify(string id, Dictionary<string, string> f, DateTimeOffset at, string ext = "png") =>
        _policy.Verify(id, ext, f[LeonardoUploadPolicy.KeyField], f[LeonardoUploadPolicy.ExpiresField], f[LeonardoUploadPolicy.SignatureField], at);

    [Fact]
    public void Verify_IssuedFieldsBeforeExpiry_True()
    {
        var f = _policy.Fields("id-1", "png", Now.AddMinutes(2));
        Assert.True(Verify("id-1", f, Now.AddMinutes(1)));
        Assert.Equal("image/png", f["Content-Type"]);
    }

    [Fact]
    public void Verify_AfterExpiry_False()
    {
        var f = _policy.Fields("id-1", "png", Now.AddMinutes(2));
        Assert.False(Verify("id-1", f, Now.AddMinutes(3)));
    }

    [Fact]
    public void Verify_FieldsOfAnotherUpload_False()
    {
        var f = _policy.Fields("id-1", "png", Now.AddMinutes(2));
        Assert.False(Verify("id-2", f, Now));
    }

    [Fact]
    public void Verify_ExtendedExpiry_False()
    {
        var f = _policy.Fields("id-1", "png", Now.AddMinutes(2));
        f[LeonardoUploadPolicy.ExpiresField] = Now.AddHours(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Verify("id-1", f, Now));
    }

    [Fact]
    public void Verify_OtherExtensionKey_False()
    {
        var f = _policy.Fields("id-1", "png", Now.AddMinutes(2));
        Assert.False(Verify("id-1", f, Now, ext: "jpg"));
    }
}
