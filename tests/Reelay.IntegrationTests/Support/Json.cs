using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Reelay.IntegrationTests.Support;

/// <summary>Small helpers for raw JSON calls, so tests see exactly what goes over the wire.</summary>
public static class Json
{
    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"not JSON ({(int)response.StatusCode}): {text}");
        }
    }

    public static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsync(path, Body(body));
        var json = await ReadAsync(response);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode}: {json}");
        return json;
    }

    public static Task<JsonElement> GetAsync(HttpClient http, string path) => http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Polls GET /v1/videos/{id} until the job is terminal.</summary>
    public static Task<JsonElement> WaitTerminalAsync(HttpClient http, string id, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(
            () => GetAsync(http, $"/v1/videos/{id}"),
            v => v.GetProperty("status").GetString() is "completed" or "failed" or "canceled",
            timeout ?? TimeSpan.FromSeconds(90),
            $"video {id} reaching a terminal status");
}
