using System.Security.Cryptography;
using Reelay.Accounts;
using Reelay.Webhooks;

namespace Reelay.Tests.Webhooks;

public sealed class WebhookSecretRotationTests
{
    private static readonly DateTimeOffset RotatedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromHours(24);
    private readonly KeySecrets _secrets = new(RandomNumberGenerator.GetBytes(32));
    private readonly Guid _key = Guid.NewGuid();

    [Fact]
    public void SigningSecrets_WithinGrace_NewThenPrevious()
    {
        var secrets = WebhookSecretRotation.SigningSecrets(_secrets, _key, 2, RotatedAt, RotatedAt + Grace - TimeSpan.FromSeconds(1), Grace);

        Assert.Equal([_secrets.WebhookSecret(_key, 2), _secrets.WebhookSecret(_key, 1)], secrets);
    }

    [Fact]
    public void SigningSecrets_GraceOver_OnlyNew()
    {
        var secrets = WebhookSecretRotation.SigningSecrets(_secrets, _key, 2, RotatedAt, RotatedAt + Grace, Grace);

        Assert.Equal([_secrets.WebhookSecret(_key, 2)], secrets);
    }

    [Fact]
    public void SigningSecrets_NeverRotated_OnlyCurrent()
    {
        var secrets = WebhookSecretRotation.SigningSecrets(_secrets, _key, 1, null, RotatedAt, Grace);

        Assert.Equal([_secrets.WebhookSecret(_key, 1)], secrets);
    }
}
