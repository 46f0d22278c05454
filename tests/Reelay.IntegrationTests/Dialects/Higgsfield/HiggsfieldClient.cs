using System.Net.Http.Headers;
using Reelay.Accounts;
using Reelay.IntegrationTests.Support;

namespace Reelay.IntegrationTests.Dialects.Higgsfield;

/// <summary>HTTP clients that authenticate the way Higgsfield clients do.</summary>
public static class HiggsfieldClient
{
    public static HttpClient For(ReelayTestServer server, IssuedKey? key)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("hf-api-key", key.Key.Id.ToString());
            http.DefaultRequestHeaders.Add("hf-secret", key.Secret);
        }
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }
}
