using Reelay.Webhooks;

namespace Reelay.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    // Test vector published with the Standard Webhooks reference libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = "{\"test\": 2432232314}";

    [Fact]
    public void Sign_StandardWebhooksVector_MatchesReferenceSignature() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSigner.Sign(Id, Timestamp, Body, Secret));

    [Fact]
    public void Sign_SecretWithoutPrefix_SameSignature() =>
        Assert.Equal(WebhookSigner.Sign(Id, Timestamp, Body, Secret), WebhookSigner.Sign(Id, Timestamp, Body, Secret["whsec_".Length..]));

    [Fact]
    public void Sign_TwoSecrets_OneSignaturePerSecretSpaceSeparated()
    {
        var other = "whsec_" + Convert.ToBase64String(new byte[32]);
        var both = WebhookSigner.Sign(Id, Timestamp, Body, Secret, other);
        Assert.Equal($"{WebhookSigner.Sign(Id, Timestamp, Body, Secret)} {WebhookSigner.Sign(Id, Timestamp, Body, other)}", both);
    }

    [Fact]
    public void Sign_NoSecret_Throws() =>
        Assert.Throws<ArgumentException>(() => WebhookSigner.Sign(Id, Timestamp, Body));

    [Fact]
    public void Sign_DifferentBody_DifferentSignature() =>
        Assert.NotEqual(WebhookSigner.Sign(Id, Timestamp, Body, Secret), WebhookSigner.Sign(Id, Timestamp, Body + " ", Secret));
}
