namespace Reelay.WebConsole;

/// <summary>Names of the console's session: the cookie scheme and the claims its ticket carries.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "ReelayConsole";
    public const string CookieName = "reelay_console";
    /// <summary>The signed-in key's id (Guid "D").</summary>
    public const string KeyIdClaim = "reelay:key";
    /// <summary>A fingerprint of the key's stored secret hash: rotating the secret ends every console session of the key.</summary>
    public const string SecretClaim = "reelay:secret";
}
