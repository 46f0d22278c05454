using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Reelay.WebConsole;

/// <summary>
/// Carries a <see cref="SecretNotice"/> across the redirect after a form (post/redirect/get) without putting it in a URL:
/// an encrypted, HTTP-only, strict same-site cookie scoped to the admin keys page, valid one minute and deleted by the
/// first page view that reads it. So the secret is shown once, and reloading the page neither shows it again nor
/// repeats the create.
/// </summary>
public sealed class SecretFlash(IDataProtectionProvider protection, TimeProvider time)
{
    public const string CookieName = "reelay_console_secret";
    private const string CookiePath = "/admin/keys";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Reelay.WebConsole.SecretFlash").ToTimeLimitedDataProtector();

    public void Set(HttpContext http, SecretNotice notice)
    {
        ArgumentNullException.ThrowIfNull(http);
        var json = JsonSerializer.Serialize(notice, ConsoleJson.Default.SecretNotice);
        http.Response.Cookies.Append(CookieName, _protector.Protect(json, time.GetUtcNow() + Lifetime), Options(http));
    }

    /// <summary>The notice left by the last form, once; null when there is none, it expired or it was tampered with.</summary>
    public SecretNotice? Take(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        http.Response.Cookies.Delete(CookieName, Options(http));
        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(value, out var expiresAt), ConsoleJson.Default.SecretNotice) is { } notice
                && expiresAt > time.GetUtcNow() ? notice : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = CookiePath,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
