using System.Security.Cryptography;
using System.Text;

namespace Reelay.Hosting;

/// <summary>
/// Chooses this node's <see cref="NodeIdentity"/>. Configured (<c>Reelay:NodeId</c>): that name, which the operator
/// keeps unique per node. Otherwise <c>{host}-{hash of the data directory}</c>, held for the life of the process by an
/// exclusive lock on <c>{DataDir}/node.lock</c> (released by the kernel when the process dies, even by SIGKILL): a
/// node restarted on the same data directory gets the same name back, and a second process on that directory, which
/// cannot take the lock, falls back to <c>{host}-{pid}</c> and reclaims nothing.
/// </summary>
public sealed class NodeIdentityLease : IDisposable
{
    private readonly FileStream? _lock;

    public NodeIdentityLease(string? configuredId, string dataDir)
    {
        if (!string.IsNullOrWhiteSpace(configuredId))
        {
            Identity = new NodeIdentity(configuredId) { ReclaimsOwnLeases = true };
            return;
        }
        var fallback = new NodeIdentity($"{Environment.MachineName}-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(dataDir);
            _lock = new FileStream(Path.Combine(dataDir, "node.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..12];
            Identity = new NodeIdentity($"{Environment.MachineName}-{hash}") { ReclaimsOwnLeases = true };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Identity = fallback;
        }
    }

    public NodeIdentity Identity { get; }

    public void Dispose() => _lock?.Dispose();
}
