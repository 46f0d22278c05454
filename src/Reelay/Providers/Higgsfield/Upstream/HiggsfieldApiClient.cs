using System.Net.Http.Headers;
using System.Text.Json;
using Reelay.Providers.Higgsfield.Contract;
using Reelay.Upstreams;

namespace Reelay.Providers.Higgsfield.Upstream;

/// <summary>
/// The two Higgsfield calls Reelay needs — generate and read a JobSet — with the <c>hf-api-key</c>/<c>hf-secret</c>
/// headers. Every answer, including none, becomes a <see cref="HiggsfieldCallResult"/>; errors keep FastAPI's
/// <c>detail</c> (a string, or the 422 list rendered as "loc: msg").
/// </summary>
internal sealed class HiggsfieldApiClient(HttpClient http, HiggsfieldUpstreamOptions options, TimeProvider time)
{
    public const string GeneratePath = "/generate/kling-2-5";

    private readonly string _base = options.BaseUrl.TrimEnd('/');

    public Task<HiggsfieldCallResult> GenerateAsync(HiggsfieldGenerateRequest body, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, GeneratePath, JsonSerializer.SerializeToUtf8Bytes(body, HiggsfieldJsonContext.Default.HiggsfieldGenerateRequest), ct);

    public Task<HiggsfieldCallResult> GetJobSetAsync(string id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, $"/v1/job-sets/{Uri.EscapeDataString(id)}", null, ct);

    private async Task<HiggsfieldCallResult> SendAsync(HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        request.Headers.TryAddWithoutValidation(HiggsfieldAuth.KeyHeader, options.ApiKey);
        request.Headers.TryAddWithoutValidation(HiggsfieldAuth.SecretHeader, options.Secret);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        var answer = await UpstreamHttp.SendAsync(http, request, options.RequestTimeout, time, ct).ConfigureAwait(false);
        return answer.Transport ? HiggsfieldCallResult.Unreachable(answer.Status, answer.Failure!) : Interpret(answer);
    }

    private HiggsfieldCallResult Interpret(UpstreamHttpAnswer answer)
    {
        var status = answer.Status;
        if (answer.IsSuccess)
        {
            HiggsfieldJobSet? set;
            try { set = JsonSerializer.Deserialize(answer.Body, HiggsfieldJsonContext.Default.HiggsfieldJobSet); }
            catch (JsonException) { return HiggsfieldCallResult.Unreachable(status, $"answered HTTP {status} with malformed JSON"); }
            if (set is not { Id.Length: > 0, Jobs.Count: > 0 } || set.Jobs[0] is not { Status.Length: > 0 })
                return HiggsfieldCallResult.Unreachable(status, $"answered HTTP {status} without a job set (unexpected schema)");
            return new HiggsfieldCallResult { JobSet = set, HttpStatus = status };
        }
        var detail = UpstreamHttp.Clean(DetailOf(answer.Body), [options.Secret, options.ApiKey]);
        return new HiggsfieldCallResult
        {
            HttpStatus = status,
            RetryAfter = answer.RetryAfter,
            Message = detail.Length > 0 ? $"answered HTTP {status}: {detail}" : $"answered HTTP {status}",
        };
    }

    /// <summary>FastAPI's <c>detail</c>: a string, or a list of <c>{loc, msg}</c>; empty for anything else (a proxy's page).</summary>
    private static string DetailOf(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("detail", out var d)) return "";
            if (d.ValueKind == JsonValueKind.String) return d.GetString() ?? "";
            if (d.ValueKind != JsonValueKind.Array) return "";
            return string.Join("; ", d.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e =>
            {
                var loc = e.TryGetProperty("loc", out var l) && l.ValueKind == JsonValueKind.Array
                    ? string.Join('.', l.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.String ? p.GetString() : p.GetRawText()))
                    : "";
                var msg = e.TryGetProperty("msg", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "invalid";
                return loc.Length > 0 ? $"{loc}: {msg}" : msg;
            }));
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
