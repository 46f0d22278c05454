using Reelay.Accounts;

namespace Reelay.WebConsole;

/// <summary>Whose usage the console shows: a user key only ever its own (whatever it asks for); an admin every key, or the one it picks.</summary>
public static class UsageScope
{
    public static string? KeyFilter(ApiKey caller, string? requestedKey)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != ApiKeyRole.Admin) return caller.Id.ToString("D");
        return Guid.TryParse(requestedKey, out var id) ? id.ToString("D") : null;
    }
}
