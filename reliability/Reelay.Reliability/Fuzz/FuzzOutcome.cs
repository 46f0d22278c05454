namespace Reelay.Reliability.Fuzz;

/// <summary>Tallies of one fuzz run; thread-safe counters plus the first findings of each kind.</summary>
public sealed class FuzzOutcome
{
    private long _sent, _serverErrors, _shapeViolations, _connectionClosed, _clientRefused, _byStatus2xx, _byStatus4xx, _kestrelRejections;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _findings = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);

    public long Sent => Interlocked.Read(ref _sent);
    public long ServerErrors => Interlocked.Read(ref _serverErrors);
    public long ShapeViolations => Interlocked.Read(ref _shapeViolations);
    /// <summary>The server closed the connection before answering (e.g. a body over the size limit still being sent).</summary>
    public long ConnectionClosed => Interlocked.Read(ref _connectionClosed);
    /// <summary>Requests HttpClient itself refused to send (invalid header characters): not counted as sent.</summary>
    public long ClientRefused => Interlocked.Read(ref _clientRefused);
    public long Ok => Interlocked.Read(ref _byStatus2xx);
    public long ClientErrors => Interlocked.Read(ref _byStatus4xx);
    /// <summary>4xx answered by Kestrel before routing (431 headers too large, 414 URI too long, 400 malformed request): no dialect can shape those.</summary>
    public long KestrelRejections => Interlocked.Read(ref _kestrelRejections);
    public IReadOnlyList<string> Findings => [.. _findings];

    /// <summary>Violations grouped by kind ("target status what"), most frequent first.</summary>
    public IReadOnlyList<(string Kind, long Count)> Kinds => [.. _kinds.OrderByDescending(k => k.Value).Select(k => (k.Key, k.Value))];

    public void CountSent() => Interlocked.Increment(ref _sent);
    public void CountOk() => Interlocked.Increment(ref _byStatus2xx);
    public void CountClientError() => Interlocked.Increment(ref _byStatus4xx);
    public void CountKestrelRejection() => Interlocked.Increment(ref _kestrelRejections);
    public void CountClosed() => Interlocked.Increment(ref _connectionClosed);
    public void CountClientRefused() => Interlocked.Increment(ref _clientRefused);

    public void ServerError(string finding, string kind)
    {
        Interlocked.Increment(ref _serverErrors);
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Add(finding);
    }

    public void ShapeViolation(string finding, string kind)
    {
        Interlocked.Increment(ref _shapeViolations);
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        Add(finding);
    }

    private void Add(string finding)
    {
        if (_findings.Count < 30) _findings.Enqueue(finding);
    }
}
