using Reelay.Accounts;

namespace Reelay.Providers.Kling;

/// <summary>The key a Kling JWT authenticates, or the Kling 401 code and message explaining why not.</summary>
public sealed record KlingAuthResult(ApiKey? Key, int Code, string Message)
{
    public static KlingAuthResult Ok(ApiKey key) => new(key, 0, "");
    public static KlingAuthResult Fail(int code, string message) => new(null, code, message);
}
