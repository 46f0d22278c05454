using System.Net.Http.Headers;
using Reelay.Security;

namespace Reelay.Upstreams;

/// <summary>
/// Sends one request to an upstream with a per-call timeout and reads the answer up to <see cref="MaxAnswerBytes"/>.
/// Never throws for upstream trouble (timeout, refused or reset connection, oversized body): that becomes an
/// <see cref="UpstreamHttpAnswer"/> with a <see cref="UpstreamHttpAnswer.Failure"/>. Only the caller's own
/// cancellation propagates. Shared by the adapters whose providers answer plain JSON (APIFrame, HyprLab).
/// </summary>
internal static class UpstreamHttp
{
    /// <summary>A task object is a few KB; anything far larger is not a provider's answer.</summary>
    public const int MaxAnswerBytes = 1 << 20;
    private const int MaxMessageLength = 300;

    public static async Task<UpstreamHttpAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var bytes = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            return bytes is null
                ? new UpstreamHttpAnswer(status, [], null, $"answered HTTP {status} with a body over {MaxAnswerBytes} bytes")
                : new UpstreamHttpAnswer(status, bytes, RetryAfterOf(response, time), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new UpstreamHttpAnswer(0, [], null, $"did not answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex) when (FindBlocked(ex) is { } blocked)
        {
            return new UpstreamHttpAnswer(0, [], null, $"is a destination Reelay may not reach ({blocked.Message})") { Blocked = true };
        }
        catch (HttpRequestException ex)
        {
            return new UpstreamHttpAnswer((int?)ex.StatusCode ?? 0, [], null, $"could not be reached ({Describe(ex.HttpRequestError)})");
        }
        catch (IOException)
        {
            return new UpstreamHttpAnswer(0, [], null, "closed the connection before answering completely");
        }
    }

    /// <summary>A JSON body for a request.</summary>
    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Bounded, single-line, and with <paramref name="secret"/> blanked should an upstream ever echo it.</summary>
    public static string Clean(string? message, string secret) => Clean(message, [secret], MaxMessageLength);

    /// <summary>One line, at most <paramref name="max"/> characters, with each secret blanked should an upstream echo it.</summary>
    public static string Clean(string? message, IEnumerable<string?> secrets, int max = MaxMessageLength)
    {
        if (string.IsNullOrWhiteSpace(message)) return "";
        var s = message;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret)) s = s.Replace(secret, "***", StringComparison.Ordinal);
        }
        s = string.Join(' ', s.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return s.Length <= max ? s : s[..max] + "…";
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var h = response.Headers.RetryAfter;
        if (h?.Delta is { } d) return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        if (h?.Date is { } at) { var wait = at - time.GetUtcNow(); return wait < TimeSpan.Zero ? TimeSpan.Zero : wait; }
        return null;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes) return null;
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static BlockedDestinationException? FindBlocked(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BlockedDestinationException blocked) return blocked;
        }
        return null;
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "name resolution failed",
        HttpRequestError.ConnectionError => "connection refused or reset",
        HttpRequestError.SecureConnectionError => "TLS handshake failed",
        HttpRequestError.ResponseEnded => "connection closed before the answer ended",
        HttpRequestError.InvalidResponse => "invalid HTTP answer",
        _ => "connection error",
    };
}
