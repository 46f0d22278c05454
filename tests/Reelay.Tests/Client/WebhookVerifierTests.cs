using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Reelay.Client;
using Reelay.Tests.Support;

namespace Reelay.Tests.Client;

public sealed class WebhookVerifierTests
{
    private const string Id = "msg_2mZ8";
    private const string Body = """{"type":"video.completed","data":{"id":"vid_1"}}""";

    private readonly FakeTimeProvider _time = new();
    private readonly string _secret = NewSecret();

    [Fact]
    public void Verify_ValidSignature_Valid() =>
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(_secret).Verify(Id, Now(), Sign(_secret, Now(), Body), Body));

    [Fact]
    public void Verify_TamperedBody_SignatureMismatch() =>
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(_secret).Verify(Id, Now(), Sign(_secret, Now(), Body), Body.Replace("vid_1", "vid_2")));

    [Fact]
    public void Verify_WrongSecret_SignatureMismatch() =>
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(NewSecret()).Verify(Id, Now(), Sign(_secret, Now(), Body), Body));

    [Fact]
    public void Verify_TimestampSixMinutesOld_OutOfTolerance()
    {
        var old = (_time.GetUtcNow().ToUnixTimeSeconds() - 360).ToString();
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, Verifier(_secret).Verify(Id, old, Sign(_secret, old, Body), Body));
    }

    [Fact]
    public void Verify_TimestampSixMinutesAhead_OutOfTolerance()
    {
        var ahead = (_time.GetUtcNow().ToUnixTimeSeconds() + 360).ToString();
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, Verifier(_secret).Verify(Id, ahead, Sign(_secret, ahead, Body), Body));
    }

    [Fact]
    public void Verify_TimestampFourMinutesOld_Valid()
    {
        var recent = (_time.GetUtcNow().ToUnixTimeSeconds() - 240).ToString();
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(_secret).Verify(Id, recent, Sign(_secret, recent, Body), Body));
    }

    [Fact]
    public void Verify_TimestampAlteredAfterSigning_SignatureMismatch()
    {
        var signature = Sign(_secret, Now(), Body);
        var shifted = (_time.GetUtcNow().ToUnixTimeSeconds() - 1).ToString();
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(_secret).Verify(Id, shifted, signature, Body));
    }

    [Fact]
    public void Verify_SeveralSignaturesOneValid_Valid()
    {
        var header = $"v1,{Convert.ToBase64String(new byte[32])} v2,whatever {Sign(_secret, Now(), Body)}";
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(_secret).Verify(Id, Now(), header, Body));
    }

    [Fact]
    public void Verify_RotatedSecrets_EitherSecretAccepted()
    {
        var next = NewSecret();
        var verifier = new WebhookVerifier([_secret, next], _time);
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Id, Now(), Sign(next, Now(), Body), Body));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Id, Now(), Sign(_secret, Now(), Body), Body));
    }

    [Fact]
    public void Verify_SignatureWithoutVersionPrefix_SignatureMismatch() =>
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, Verifier(_secret).Verify(Id, Now(), Sign(_secret, Now(), Body)["v1,".Length..], Body));

    [Fact]
    public void Verify_MissingSignature_MissingHeaders() =>
        Assert.Equal(WebhookVerificationResult.MissingHeaders, Verifier(_secret).Verify(Id, Now(), null, Body));

    [Fact]
    public void Verify_NonNumericTimestamp_InvalidTimestamp() =>
        Assert.Equal(WebhookVerificationResult.InvalidTimestamp, Verifier(_secret).Verify(Id, "yesterday", Sign(_secret, "yesterday", Body), Body));

    [Fact]
    public void Verify_HeaderDictionaryAnyCase_Valid()
    {
        var headers = new Dictionary<string, string>
        {
            ["Webhook-Id"] = Id,
            ["WEBHOOK-TIMESTAMP"] = Now(),
            ["webhook-signature"] = Sign(_secret, Now(), Body),
            ["content-type"] = "application/json",
        };
        Assert.Equal(WebhookVerificationResult.Valid, Verifier(_secret).Verify(headers, Body));
    }

    [Fact]
    public void Constructor_SecretNotBase64_Throws() =>
        Assert.Throws<ArgumentException>(() => new WebhookVerifier("whsec_not base64!"));

    private WebhookVerifier Verifier(string secret) => new([secret], _time);

    private string Now() => _time.GetUtcNow().ToUnixTimeSeconds().ToString();

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    // Signed independently of the server's signer, straight from the Standard Webhooks definition.
    private static string Sign(string secret, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{Id}.{timestamp}.{body}")));
}
