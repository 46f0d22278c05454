namespace Reelay.Api;

/// <summary>An extra dependency /readyz reports on (ffmpeg for the local engine, upstreams later).</summary>
public interface IReadinessCheck
{
    string Name { get; }
    Task<bool> IsReadyAsync(CancellationToken ct);
}
