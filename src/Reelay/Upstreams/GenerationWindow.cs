namespace Reelay.Upstreams;

/// <summary>
/// How long an upstream typically takes to generate one request: rarely sooner than <see cref="Min"/>, rarely later
/// than <see cref="Max"/>. Only a schedule hint: a job may finish outside it and is still tracked.
/// </summary>
public readonly record struct GenerationWindow(TimeSpan Min, TimeSpan Max)
{
    /// <summary>A central guess (the midpoint), used to estimate progress for upstreams that report none.</summary>
    public TimeSpan Typical => (Min + Max) / 2;
}
