using System.Collections.Concurrent;

namespace Reelay.Reliability.Crash;

/// <summary>What the crash campaign counted across its stores: invariant violations (each with a bounded list of findings) and activity.</summary>
public sealed class CrashTally
{
    private readonly ConcurrentQueue<string> _findings = new();
    private readonly ConcurrentDictionary<string, int> _violations = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> KillsByPhase { get; } = new(StringComparer.Ordinal);
    public int Iterations;
    public int JobsCreated;
    public int JobsInStore;
    public int CreatesLost;
    public int CancelsAcknowledged;
    public int Completed;
    public int Failed;
    public int Canceled;
    public int BlobsFetched;
    public int BlobsProbed;
    public int WebhooksBadSignature;
    public int UpstreamCreates;
    public int ResultDownloads;

    public IReadOnlyList<string> Findings => [.. _findings.Take(40)];

    public int Count(string invariant) => _violations.TryGetValue(invariant, out var n) ? n : 0;

    /// <summary>One broken invariant, with what shows it.</summary>
    public void Violation(string invariant, string finding)
    {
        _violations.AddOrUpdate(invariant, 1, (_, n) => n + 1);
        if (_findings.Count < 40) _findings.Enqueue($"{invariant}: {finding}");
    }
}
