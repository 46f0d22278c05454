using Reelay.Accounts;

namespace Reelay.Webhooks;

/// <summary>
/// Which secrets sign a key's webhooks. Rotating advances the key's secret generation; until
/// <see cref="WebhookOptions.SecretRotationGrace"/> has passed since then, the previous generation signs as well
/// (Standard Webhooks allows several signatures in one header), so receivers can switch to the new secret at any
/// time during the grace period without rejecting a delivery.
/// </summary>
public static class WebhookSecretRotation
{
    /// <summary>The <c>whsec_</c> secrets to sign with at <paramref name="now"/>: the current one first.</summary>
    public static string[] SigningSecrets(KeySecrets secrets, Guid keyId, int generation, DateTimeOffset? rotatedAt, DateTimeOffset now, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var current = secrets.WebhookSecret(keyId, generation);
        return generation > 1 && rotatedAt is { } at && now < at + grace
            ? [current, secrets.WebhookSecret(keyId, generation - 1)]
            : [current];
    }
}
