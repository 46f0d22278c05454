using System.Net;
using System.Text.Json;

namespace Reelay.IntegrationTests.Dialects;

/// <summary>Assertions on the exact shape of provider JSON and on downloadable result links.</summary>
public static class WireAssert
{
    /// <summary>The object has exactly these members (order ignored).</summary>
    public static void Keys(JsonElement obj, params string[] names)
    {
        Assert.Equal(JsonValueKind.Object, obj.ValueKind);
        Assert.Equal(names.Order(StringComparer.Ordinal), obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    public static void Kind(JsonValueKind kind, JsonElement obj, string name) => Assert.Equal(kind, obj.GetProperty(name).ValueKind);

    /// <summary>GET without credentials answers 200 with <paramref name="contentType"/> and a non-trivial body.</summary>
    public static async Task DownloadableAsync(Uri server, string url, string contentType)
    {
        using var anonymous = new HttpClient { BaseAddress = server };
        using var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    /// <summary>Statuses seen while polling appear in lifecycle order (a poller may miss some, never see them reversed).</summary>
    public static void InOrder(IReadOnlyList<string> seen, params string[] lifecycle)
    {
        var positions = seen.Distinct().Select(s => Array.IndexOf(lifecycle, s)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
    }
}
