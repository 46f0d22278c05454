namespace Reelay.Hosting;

/// <summary>
/// Work a backend needs done once before the node serves or runs jobs (e.g. creating a development bucket);
/// run by <see cref="ReelayHost.PrepareAsync"/> after options are validated. Must be safe to repeat on every start.
/// </summary>
public interface IStartupTask
{
    Task RunAsync(CancellationToken ct);
}
