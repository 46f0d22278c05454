namespace Reelay.Hosting;

/// <summary>
/// This process's name in leases (job and webhook), unique per running node. <see cref="ReclaimsOwnLeases"/> is true
/// when the name is the same across restarts of this node and no other live process can hold it (see
/// <see cref="NodeIdentityLease"/>): leases under it at start-up then belong to steps that died with the previous run.
/// </summary>
public sealed record NodeIdentity(string Id)
{
    public bool ReclaimsOwnLeases { get; init; }
}
