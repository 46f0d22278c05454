using Reelay.Accounts;
using Reelay.Security;

namespace Reelay.Tests.Security;

public sealed class UrlSignerTests
{
    private readonly UrlSigner _signer = new(new KeySecrets(new byte[32]));
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Verify_FreshSignature_True()
    {
        var exp = Now.AddHours(1).ToUnixTimeSeconds();
        Assert.True(_signer.Verify("job", "raw", exp, _signer.Sign("job", "raw", exp), Now));
    }

    [Fact]
    public void Verify_OtherJobVariantOrExpiry_False()
    {
        var exp = Now.AddHours(1).ToUnixTimeSeconds();
        var sig = _signer.Sign("job", "raw", exp);
        Assert.False(_signer.Verify("job2", "raw", exp, sig, Now));
        Assert.False(_signer.Verify("job", "min", exp, sig, Now));
        Assert.False(_signer.Verify("job", "raw", exp + 1, sig, Now));
        Assert.False(_signer.Verify("job", "raw", exp, sig, Now.AddHours(2)));
        Assert.False(_signer.Verify("job", "raw", exp, "zz" + sig[2..], Now));
        Assert.False(_signer.Verify("job", "raw", exp, null, Now));
    }
}
