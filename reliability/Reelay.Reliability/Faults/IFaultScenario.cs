using Reelay.Reliability.Campaigns;

namespace Reelay.Reliability.Faults;

/// <summary>One dependency fault: what the server runs on, how the dependency is broken and repaired.</summary>
public interface IFaultScenario : IAsyncDisposable
{
    /// <summary>Short name used in the figures, e.g. "postgres".</summary>
    string Name { get; }

    /// <summary>What is broken and how, for the report.</summary>
    string Description { get; }

    /// <summary>The /readyz check that must fail while the dependency is down; null when /readyz is not expected to change.</summary>
    string? ReadinessCheck { get; }

    /// <summary>Whether the fault makes a job's failure legitimate (with a clear reason) rather than a defect.</summary>
    bool MayFailJobs { get; }

    /// <summary>The create body of the n-th request of the trickle.</summary>
    object CreateBody(int n) => new { model = "local", prompt = $"fault trickle {n}", duration = 1, aspect_ratio = "1:1" };

    /// <summary>Replaces server services (applied after Reelay's own registrations), e.g. the clock.</summary>
    Action<IServiceCollection>? ConfigureServices => null;

    /// <summary>Starts what the server depends on (the server's data will be in <paramref name="dataDir"/>); returns the configuration that points the server at it.</summary>
    Task<IReadOnlyDictionary<string, string?>> PrepareAsync(DirectoryInfo dataDir, CancellationToken ct);

    Task BreakAsync(FaultServer server, CancellationToken ct);

    Task RepairAsync(FaultServer server, CancellationToken ct);

    /// <summary>Figures of this scenario's own, judged after the audit of the <paramref name="acknowledged"/> jobs.</summary>
    Task<IReadOnlyList<Figure>> FiguresAsync(FaultServer server, IReadOnlyList<string> acknowledged, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Figure>>([]);
}
