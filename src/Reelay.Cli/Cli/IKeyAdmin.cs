using Reelay.Accounts;
using Reelay.Api.Admin;

namespace Reelay.Cli;

/// <summary>
/// What <c>reelay keys</c> does to keys, embedded (the data directory's store) or remotely (the admin API with an
/// admin key). Both answer with the admin API's views, so output is the same either way.
/// </summary>
internal interface IKeyAdmin : IDisposable
{
    Task<AdminIssuedKeyView> CreateAsync(string name, ApiKeyRole role, KeyLimits limits, CancellationToken ct);
    Task<IReadOnlyList<AdminKeyView>> ListAsync(CancellationToken ct);
    /// <summary>False when there is no active key with this id.</summary>
    Task<bool> RevokeAsync(Guid id, CancellationToken ct);
    /// <summary>Null when there is no key with this id.</summary>
    Task<AdminKeyView?> UpdateAsync(Guid id, KeySettingsPatch patch, CancellationToken ct);
    /// <summary>Null when there is no active key with this id.</summary>
    Task<AdminRotatedSecretView?> RotateWebhookSecretAsync(Guid id, CancellationToken ct);
}
