using Microsoft.Extensions.Options;
using Reelay.Hosting;

namespace Reelay.Api;

/// <summary>The base URL result links are built on for a request: the configured public URL, else the request's own scheme and host.</summary>
public static class RequestBaseUrl
{
    public static string Of(HttpContext http, IOptions<ReelayOptions> options) =>
        options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
