using Reelay.Accounts;

namespace Reelay.Api;

/// <summary>The authenticated key of the current request, set by <see cref="BearerAuthFilter"/>.</summary>
public static class CallerContext
{
    private const string ItemKey = "reelay.caller";

    public static void Set(HttpContext http, ApiKey key) => http.Items[ItemKey] = key;

    public static ApiKey Caller(this HttpContext http) =>
        http.Items[ItemKey] as ApiKey ?? throw new InvalidOperationException("endpoint is not behind BearerAuthFilter");
}
