using Microsoft.AspNetCore.DataProtection;

namespace Reelay.WebConsole;

/// <summary>Registers the web console: Razor components (static server rendering only), its cookie session and Data Protection.</summary>
public static class ConsoleServiceCollectionExtensions
{
    /// <summary>Overrides where the console's Data Protection keys live (default <c>{DataDir}/console-keys</c>).</summary>
    public const string KeyDirectorySetting = "Reelay:Console:KeyDirectory";

    /// <param name="keyDirectory">
    /// Where Data Protection keeps its key ring (under the data dir), so session cookies and antiforgery tokens stay
    /// valid across restarts. Nodes of a cluster must share this directory (or another common key repository).
    /// </param>
    public static IServiceCollection AddReelayConsole(this IServiceCollection services, string keyDirectory)
    {
        services.AddRazorComponents();
        services.AddDataProtection()
            .SetApplicationName("reelay")
            .PersistKeysToFileSystem(new DirectoryInfo(keyDirectory));
        services.AddAuthentication(ConsoleAuth.Scheme).AddCookie(ConsoleAuth.Scheme, o =>
        {
            o.Cookie.Name = ConsoleAuth.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/sign-in";
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "reelay_console_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<ConsoleSession>();
        services.AddSingleton<ConsoleAssets>();
        services.AddSingleton<SecretFlash>();
        return services;
    }
}
