using Reelay.Accounts;

namespace Reelay.Tests.Accounts;

public sealed class KeySecretsTests
{
    private static readonly byte[] Master = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ApiSecret_SameKeySameMaster_Stable()
    {
        var id = Guid.NewGuid();
        Assert.Equal(new KeySecrets(Master).ApiSecret(id), new KeySecrets(Master).ApiSecret(id));
    }

    [Fact]
    public void ApiSecret_OtherMasterOrKey_Differs()
    {
        var id = Guid.NewGuid();
        var other = Master.Select(b => (byte)(b ^ 0xFF)).ToArray();
        Assert.NotEqual(new KeySecrets(Master).ApiSecret(id), new KeySecrets(other).ApiSecret(id));
        Assert.NotEqual(new KeySecrets(Master).ApiSecret(id), new KeySecrets(Master).ApiSecret(Guid.NewGuid()));
    }

    [Fact]
    public void Matches_RightAndWrongSecret()
    {
        var secret = new KeySecrets(Master).ApiSecret(Guid.NewGuid());
        var hash = KeySecrets.Hash(secret);
        Assert.True(KeySecrets.Matches(secret, hash));
        Assert.False(KeySecrets.Matches(secret + "x", hash));
        Assert.False(KeySecrets.Matches("", hash));
    }

    [Fact]
    public void WebhookSecret_GenerationRotates_WithPrefix()
    {
        var s = new KeySecrets(Master);
        var id = Guid.NewGuid();
        Assert.StartsWith("whsec_", s.WebhookSecret(id, 1));
        Assert.NotEqual(s.WebhookSecret(id, 1), s.WebhookSecret(id, 2));
        Assert.Equal(32, Convert.FromBase64String(s.WebhookSecret(id, 1)["whsec_".Length..]).Length);
    }

    [Fact]
    public void Constructor_ShortMaster_Throws() => Assert.Throws<ArgumentException>(() => new KeySecrets(new byte[16]));
}
