using Reelay.Accounts;

namespace Reelay.Cli;

/// <summary>
/// The identity of the embedded CLI: an admin key that exists only in this process (never stored, so it
/// cannot authenticate over HTTP). Jobs it creates are owned by the all-zero key id.
/// </summary>
public static class EmbeddedCaller
{
    public static readonly ApiKey Key = new(Guid.Empty, "embedded-cli", ApiKeyRole.Admin, new byte[32], DateTimeOffset.UnixEpoch, null);
}
