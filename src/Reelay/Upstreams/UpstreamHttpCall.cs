namespace Reelay.Upstreams;

/// <summary>
/// Sends one request to an upstream with a per-call timeout and reads the answer up to <see cref="MaxAnswerBytes"/>,
/// turning every outcome — including no answer — into an <see cref="UpstreamHttpAnswer"/>. Never throws for
/// upstream trouble; only the caller's own cancellation propagates. Shared by the JSON-over-HTTP adapters.
/// </summary>
internal static class UpstreamHttpCall
{
    /// <summary>A task or job object is a few KB; anything far larger is not an answer of the documented API.</summary>
    public const int MaxAnswerBytes = 1 << 20;

    public static async Task<UpstreamHttpAnswer> SendAsync(HttpClient http, HttpRequestMessage request, TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var bytes = await ReadBoundedAsync(response.Content, linked.Token).ConfigureAwait(false);
            if (bytes is null) return new UpstreamHttpAnswer(status, [], null, $"answered HTTP {status} with a body over {MaxAnswerBytes} bytes");
            return new UpstreamHttpAnswer(status, bytes, RetryAfterOf(response, time), null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new UpstreamHttpAnswer(0, [], null, $"did not answer within {timeout.TotalSeconds:0.###} s");
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

    /// <summary>One line, at most <paramref name="max"/> characters, with each secret blanked should an upstream echo it.</summary>
    public static string Clean(string? message, IEnumerable<string?> secrets, int max = 300)
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
