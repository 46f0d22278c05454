using Reelay.Accounts;

namespace Reelay.Api.Admin;

/// <summary>The answer to creating a key: the key and its secrets, shown this once.</summary>
public sealed record AdminIssuedKeyView(AdminKeyView Key, string Secret, string Token, string WebhookSecret)
{
    public static AdminIssuedKeyView From(IssuedKey issued)
    {
        ArgumentNullException.ThrowIfNull(issued);
        return new AdminIssuedKeyView(AdminKeyView.From(issued.Key), issued.Secret, issued.Token, issued.WebhookSecret);
    }
}
