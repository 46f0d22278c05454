using System.Net.Http.Headers;
using System.Text;
using Reelay.Security;
using Reelay.Storage;

namespace Reelay.Webhooks;

/// <summary>One attempt: the signed POST, bounded in time and in what it reads back, classified for the retry schedule.</summary>
public sealed partial class WebhookDispatcher
{
    private async Task<SendResult> SendAsync(WebhookMessage message, DateTimeOffset at)
    {
        if (!Uri.TryCreate(message.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return SendResult.Fail("invalid_url: not an absolute http(s) URL", permanent: true);
        if (!Guid.TryParse(message.OwnerKeyId, out var keyId))
            return SendResult.Fail("unknown_owner_key: cannot derive the signing secret", permanent: true);

        string[] secrets;
        try
        {
            var signing = await GetGenerationAsync(keyId).ConfigureAwait(false);
            secrets = WebhookSecretRotation.SigningSecrets(_secrets, keyId, signing.Generation, signing.RotatedAt, at, _options.SecretRotationGrace);
        }
        catch (Exception ex)
        {
            return SendResult.Fail($"internal: signing key unavailable ({ex.GetType().Name})");
        }

        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (message.Headers is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (IsSignatureHeader(name)) continue;
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdHeader, message.Id);
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, WebhookSigner.Sign(message.Id, timestamp, message.Payload, secrets));

        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var snippet = await ReadSnippetAsync(response, timeout.Token).ConfigureAwait(false);
            var retryAfter = WebhookRetrySchedule.ParseRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
            return new SendResult((int)response.StatusCode, null, snippet, retryAfter, Permanent: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return SendResult.Fail($"timeout: no response within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException ex)
        {
            // Nothing outside cancels a send, so this is the handler's own connect timeout (a TaskCanceledException
            // around a TimeoutException): an ordinary failed attempt, recorded and retried on the schedule.
            return SendResult.Fail(ex.InnerException is TimeoutException
                ? $"timeout: could not connect within {_options.Timeout.TotalSeconds:0.###} s"
                : "timeout: the request was canceled before an answer");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            return SendResult.Fail($"blocked: {blocked.Message}");
        }
        catch (HttpRequestException ex)
        {
            return SendResult.Fail($"connection_error: {ex.Message}");
        }
    }

    /// <summary>The first KiB of the response, for operators reading the delivery log; never fails the attempt.</summary>
    private static async Task<string?> ReadSnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            var buffer = new byte[SnippetBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0) read += n;
            return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    private static bool IsSignatureHeader(string name) =>
        name.Equals(WebhookSigner.IdHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(WebhookSigner.TimestampHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(WebhookSigner.SignatureHeader, StringComparison.OrdinalIgnoreCase);

    private static BlockedDestinationException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is BlockedDestinationException blocked) return blocked;
        return null;
    }

    /// <param name="Permanent">The message can never be delivered (bad URL, unknown key): fail without retrying.</param>
    private readonly record struct SendResult(int? StatusCode, string? Error, string? Snippet, TimeSpan? RetryAfter, bool Permanent)
    {
        public static SendResult Fail(string error, bool permanent = false) => new(null, error, null, null, permanent);
    }
}
