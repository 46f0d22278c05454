using Reelay.Hosting;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Reelay.Accounts;
using Reelay.Api;
using Reelay.Api.Admin;

namespace Reelay.Cli;

/// <summary><see cref="IKeyAdmin"/> over a server's <c>/v1/admin/keys</c> API; needs an admin key.</summary>
internal sealed class RemoteKeyAdmin : IKeyAdmin
{
    private const string Path = "/v1/admin/keys";
    private static readonly JsonSerializerOptions SnakeCase = UpstreamsApi.SnakeCase;
    private readonly HttpClient _http;

    public RemoteKeyAdmin(string serverUrl, string? token)
    {
        if (!Uri.TryCreate(serverUrl, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            throw new CliException($"--server must be an absolute http(s) URL (was '{serverUrl}')");
        if (string.IsNullOrEmpty(token)) throw new CliException("--key (an admin key, or $REELAY_API_KEY) is required with --server");
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<AdminIssuedKeyView> CreateAsync(string name, ApiKeyRole role, KeyLimits limits, CancellationToken ct)
    {
        var body = new
        {
            name,
            role = role.ToString().ToLowerInvariant(),
            requests_per_minute = limits.RequestsPerMinute,
            max_concurrent_jobs = limits.MaxConcurrentJobs,
            allowed_models = limits.AllowedModels,
        };
        using var response = await SendAsync(HttpMethod.Post, Path, body, ct);
        return (await ReadAsync<AdminIssuedKeyView>(response, ct))!;
    }

    public async Task<IReadOnlyList<AdminKeyView>> ListAsync(CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, Path, null, ct);
        var list = await ReadAsync<JsonElement>(response, ct);
        return list.GetProperty("data").Deserialize<AdminKeyView[]>(SnakeCase)!;
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken ct)
    {
        // DELETE is idempotent on the server; "no active key" is reported like the embedded command does.
        using var shown = await SendAsync(HttpMethod.Get, $"{Path}/{id}", null, ct);
        var key = await ReadAsync<AdminKeyView>(shown, ct);
        if (key is null || key.State != "active") return false;
        using var deleted = await SendAsync(HttpMethod.Delete, $"{Path}/{id}", null, ct);
        return deleted.StatusCode == HttpStatusCode.NoContent;
    }

    public async Task<AdminKeyView?> UpdateAsync(Guid id, KeySettingsPatch patch, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Patch, $"{Path}/{id}", patch.ToJsonBody(), ct);
        return await ReadAsync<AdminKeyView>(response, ct);
    }

    public async Task<AdminRotatedSecretView?> RotateWebhookSecretAsync(Guid id, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Path}/{id}/webhook-secret/rotate", null, ct);
        return await ReadAsync<AdminRotatedSecretView>(response, ct);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: SnakeCase);
        try
        {
            return await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"cannot reach {_http.BaseAddress}: {ex.Message}", ExitCodes.Unavailable);
        }
    }

    /// <summary>The body as <typeparamref name="T"/>; default for 404; any other failure becomes a CLI error with the server's detail.</summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.NotFound) return default;
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new CliException($"{(int)response.StatusCode}: {text}", (int)response.StatusCode >= 500 ? ExitCodes.Unavailable : ExitCodes.Usage);
        return JsonSerializer.Deserialize<T>(text, SnakeCase);
    }
}
