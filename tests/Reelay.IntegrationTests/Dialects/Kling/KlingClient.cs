using System.Net.Http.Headers;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Kling;

/// <summary>HttpClients that talk to Reelay as a Kling client would: Bearer JWT, no Reelay token.</summary>
public static class KlingClient
{
    public static HttpClient For(ReelayTestServer server, IssuedKey key, string prefix = "") => WithToken(server, KlingTokens.For(key), prefix);

    public static HttpClient WithToken(ReelayTestServer server, string? token, string prefix = "")
    {
        var client = new HttpClient { BaseAddress = new Uri(server.BaseAddress, prefix), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
