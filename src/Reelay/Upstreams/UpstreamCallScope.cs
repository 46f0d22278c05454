namespace Reelay.Upstreams;

/// <summary>
/// What the HTTP requests made during one upstream engine call did, recorded by <see cref="UpstreamSendTracker"/>
/// through an <see cref="AsyncLocal{T}"/> that <see cref="ResilientUpstreamEngine"/> opens around each call. It lets
/// the scheduler tell a failure that proves nothing reached the upstream (every request failed to connect) from one
/// that may hide an accepted request (a timeout or reset after the request was sent), without each adapter having to
/// classify socket errors itself.
/// </summary>
internal sealed class UpstreamCallScope
{
    private static readonly AsyncLocal<UpstreamCallScope?> Scope = new();
    private int _connectFailures;
    private int _maybeSent;
    private int _answered;

    /// <summary>The scope of the engine call running on this async flow, if any.</summary>
    public static UpstreamCallScope? Current => Scope.Value;

    /// <summary>Opens a scope for the rest of the calling async method and everything it awaits.</summary>
    public static UpstreamCallScope Begin()
    {
        var scope = new UpstreamCallScope();
        Scope.Value = scope;
        return scope;
    }

    /// <summary>Requests that failed before a connection existed (refused, unresolvable, TLS handshake).</summary>
    public int ConnectFailures => Volatile.Read(ref _connectFailures);

    /// <summary>Requests that got an HTTP answer, whatever its status.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>True when at least one request was tried and none of them can have reached the upstream.</summary>
    public bool NothingSent => ConnectFailures > 0 && Answered == 0 && Volatile.Read(ref _maybeSent) == 0;

    public void ConnectFailed() => Interlocked.Increment(ref _connectFailures);

    public void MaybeSent() => Interlocked.Increment(ref _maybeSent);

    public void GotAnswer() => Interlocked.Increment(ref _answered);
}
