using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Hosting;
using Reelay.Security;
using Reelay.Tests.Support;

namespace Reelay.Tests.Api;

public sealed class InputImageLinksTests
{
    private static readonly UrlSigner Signer = new(new KeySecrets(new byte[32]));
    private readonly FakeTimeProvider _time = new();

    private static InputImageLinks Links(string? publicBaseUrl) => new(Signer, Options.Create(new ReelayOptions { PublicBaseUrl = publicBaseUrl }));

    private static (string File, long Exp, string Sig) Parts(string link)
    {
        var uri = new Uri(link);
        var q = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return (uri.Segments[^1], long.Parse(q["exp"]!), q["sig"]!);
    }

    [Fact]
    public void Build_NoPublicBaseUrl_ReturnsNull()
    {
        var links = Links(null);
        Assert.False(links.Enabled);
        Assert.Null(links.Build("blob:inputs/a.png", _time.GetUtcNow()));
    }

    [Fact]
    public void Build_NotAStoredInput_ReturnsNull()
    {
        var links = Links("https://r.example.com");
        Assert.Null(links.Build("blob:results/job/raw.mp4", _time.GetUtcNow()));
        Assert.Null(links.Build("https://elsewhere.example.com/a.png", _time.GetUtcNow()));
    }

    [Fact]
    public void Verify_FreshLink_ReturnsTheInputKey()
    {
        var links = Links("https://r.example.com/");
        var link = links.Build("blob:inputs/a.png", _time.GetUtcNow())!;
        Assert.StartsWith("https://r.example.com/v1/inputs/a.png?exp=", link);
        var (file, exp, sig) = Parts(link);

        Assert.Equal("inputs/a.png", links.Verify(file, exp, sig, _time.GetUtcNow()));
    }

    [Fact]
    public void Verify_OtherFileOrExpiredOrResultSignature_Refused()
    {
        var links = Links("https://r.example.com");
        var (file, exp, sig) = Parts(links.Build("blob:inputs/a.png", _time.GetUtcNow())!);

        Assert.Null(links.Verify("b.png", exp, sig, _time.GetUtcNow()));
        Assert.Null(links.Verify(file, exp, sig, DateTimeOffset.FromUnixTimeSeconds(exp + 1)));
        // A result link's signature (variant raw) never stands for an input.
        Assert.Null(links.Verify(file, exp, Signer.Sign("inputs/a.png", "raw", exp), _time.GetUtcNow()));
    }
}
