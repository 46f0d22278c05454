using System.Security.Cryptography;
using System.Text;

namespace Reelay.Webhooks;

/// <summary>
/// Signs outgoing webhooks per Standard Webhooks: the signed content is <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// so receivers can reject forgeries, replays (the id is stable across retries) and stale deliveries (timestamp).
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";
    public const string SignatureVersion = "v1";

    /// <summary>
    /// The <c>webhook-signature</c> header value: one <c>v1,&lt;base64&gt;</c> per secret, space-separated, so that
    /// during a secret rotation receivers holding either the old or the new secret can verify.
    /// </summary>
    /// <param name="timestamp">Unix seconds; must equal the <c>webhook-timestamp</c> header sent.</param>
    /// <param name="secrets"><c>whsec_&lt;base64&gt;</c> secrets (the prefix is optional).</param>
    public static string Sign(string id, long timestamp, string body, params ReadOnlySpan<string> secrets)
    {
        if (secrets.IsEmpty) throw new ArgumentException("at least one secret is required", nameof(secrets));
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        var signature = new StringBuilder(secrets.Length * 48);
        foreach (var secret in secrets)
        {
            if (signature.Length > 0) signature.Append(' ');
            signature.Append(SignatureVersion).Append(',')
                .Append(Convert.ToBase64String(HMACSHA256.HashData(DecodeSecret(secret), content)));
        }
        return signature.ToString();
    }

    /// <summary>The HMAC key of a <c>whsec_</c> secret: the base64-decoded part after the prefix.</summary>
    /// <exception cref="FormatException">The secret is not valid base64.</exception>
    public static byte[] DecodeSecret(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
