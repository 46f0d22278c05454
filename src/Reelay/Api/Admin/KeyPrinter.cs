
namespace Reelay.Api.Admin;

/// <summary>Prints a freshly issued key for a person: every form a dialect needs, once.</summary>
public static class KeyPrinter
{
    public static void Print(TextWriter output, AdminIssuedKeyView issued)
    {
        output.WriteLine($"API key '{issued.Key.Name}' ({issued.Key.Role}) — store these now, they are not shown again:");
        output.WriteLine($"  token          {issued.Token}");
        output.WriteLine($"  key id         {issued.Key.Id}");
        output.WriteLine($"  secret         {issued.Secret}");
        output.WriteLine($"  webhook secret {issued.WebhookSecret}");
        output.WriteLine("  use: Authorization: Bearer <token>   (Higgsfield: hf-api-key=<key id>, hf-secret=<secret>)");
    }
}
