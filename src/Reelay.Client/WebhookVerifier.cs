using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reelay.Client;

/// <summary>
/// Verifies webhooks sent by Reelay (Standard Webhooks): an HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with a
/// <c>whsec_</c> secret, and a timestamp within <see cref="Tolerance"/> of now to reject replays.
/// Any of several space-separated <c>v1,</c> signatures may match any of several secrets, so a secret rotation
/// can be rolled out on either side without dropping messages. Thread-safe.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>Header carrying the message id, stable across retries (deduplicate on it).</summary>
    public const string IdHeader = "webhook-id";
    /// <summary>Header carrying the send time in unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";
    /// <summary>Header carrying one or more space-separated <c>v1,&lt;base64&gt;</c> signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private const string SignaturePrefix = "v1,";

    private readonly byte[][] _keys;
    private readonly TimeProvider _time;

    /// <summary>Creates a verifier accepting signatures made with any of <paramref name="secrets"/>.</summary>
    /// <param name="secrets">Webhook secrets, <c>whsec_&lt;base64&gt;</c> (the prefix is optional).</param>
    /// <exception cref="ArgumentException">No secret given, or a secret is not base64.</exception>
    public WebhookVerifier(params string[] secrets) : this(secrets, TimeProvider.System) { }

    /// <summary>Creates a verifier with an explicit clock (for tests, or to verify stored messages).</summary>
    public WebhookVerifier(IEnumerable<string> secrets, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _keys = secrets.Select(DecodeSecret).ToArray();
        if (_keys.Length == 0) throw new ArgumentException("at least one secret is required", nameof(secrets));
        _time = timeProvider;
    }

    /// <summary>How far the webhook timestamp may be from now, either way. Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Verifies a webhook from its three header values and the raw request body, exactly as received.</summary>
    public WebhookVerificationResult Verify(string? id, string? timestamp, string? signature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrWhiteSpace(signature))
            return WebhookVerificationResult.MissingHeaders;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return WebhookVerificationResult.InvalidTimestamp;

        var skew = _time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (skew.Duration() > Tolerance) return WebhookVerificationResult.TimestampOutOfTolerance;

        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> presented = stackalloc byte[64];
        var matched = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, content, expected);
            foreach (var part in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!part.StartsWith(SignaturePrefix, StringComparison.Ordinal)) continue;
                if (!Convert.TryFromBase64String(part[SignaturePrefix.Length..], presented, out var length)) continue;
                // Constant-time, and no early exit: timing reveals nothing about how much of a guess was right.
                matched |= length == expected.Length && CryptographicOperations.FixedTimeEquals(presented[..length], expected);
            }
        }
        return matched ? WebhookVerificationResult.Valid : WebhookVerificationResult.SignatureMismatch;
    }

    /// <summary>
    /// Verifies a webhook from its request headers (names matched case-insensitively) and the raw request body.
    /// </summary>
    public WebhookVerificationResult Verify(IEnumerable<KeyValuePair<string, string>> headers, string body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? id = null, timestamp = null, signature = null;
        foreach (var (name, value) in headers)
        {
            if (name.Equals(IdHeader, StringComparison.OrdinalIgnoreCase)) id = value;
            else if (name.Equals(TimestampHeader, StringComparison.OrdinalIgnoreCase)) timestamp = value;
            else if (name.Equals(SignatureHeader, StringComparison.OrdinalIgnoreCase)) signature = value;
        }
        return Verify(id, timestamp, signature, body);
    }

    private static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("a webhook secret must be whsec_ followed by base64", nameof(secret), ex);
        }
    }
}
