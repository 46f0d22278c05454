namespace Reelay.Upstreams;

/// <summary>
/// What an upstream said about a task that is not finished yet. Everything but <see cref="Started"/> is optional:
/// many upstreams report neither an eta nor a percentage.
/// </summary>
/// <param name="Started">Processing (true) rather than still queued upstream (false).</param>
/// <param name="Eta">Time left as the upstream estimates it; null or zero when it gives none.</param>
/// <param name="Percent">The upstream's own progress 0..100; null when it gives none.</param>
public readonly record struct PollHint(bool Started, TimeSpan? Eta = null, int? Percent = null);
