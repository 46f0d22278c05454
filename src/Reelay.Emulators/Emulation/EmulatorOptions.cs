namespace Reelay.Emulation;

/// <summary>
/// The settings every provider emulator shares: its timeline's pace, result links, where it says it lives, logging and
/// faults. Times are the upstream's; the emulator divides them by <see cref="TimeCompression"/>. Each provider names its
/// own defaults and adds its own settings.
/// </summary>
public abstract record EmulatorOptions
{
    /// <param name="queueTime">The provider's default <see cref="QueueTime"/>.</param>
    /// <param name="generationTime">The provider's default <see cref="GenerationTime"/>.</param>
    /// <param name="resultUrlTtl">The provider's default <see cref="ResultUrlTtl"/>.</param>
    protected EmulatorOptions(TimeSpan queueTime, TimeSpan generationTime, TimeSpan resultUrlTtl)
    {
        QueueTime = queueTime;
        GenerationTime = generationTime;
        ResultUrlTtl = resultUrlTtl;
    }

    /// <summary>Time a task waits before it starts generating.</summary>
    public TimeSpan QueueTime { get; set; }

    /// <summary>Time a task generates.</summary>
    public TimeSpan GenerationTime { get; set; }

    /// <summary>100 makes every duration 100 times shorter (a 90 s generation takes 0.9 s). Must be positive.</summary>
    public double TimeCompression { get; set; } = 1;

    /// <summary>How long result URLs stay valid after the task ended (not compressed); expired → 403.</summary>
    public TimeSpan ResultUrlTtl { get; set; }

    /// <summary>Base of the URLs it hands out when reached through another address (a proxy); null = the address it listens on.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Size of the one result video rendered per emulator (5 s testsrc2, H.264).</summary>
    public string ResultVideoSize { get; set; } = "1280x720";

    /// <summary>Write requests to the console (the CLI turns this on).</summary>
    public bool ConsoleLogging { get; set; }

    public EmulatorFaults Faults { get; set; } = new();

    /// <summary><paramref name="t"/> at the emulator's pace.</summary>
    internal TimeSpan Compress(TimeSpan t) => TimeSpan.FromTicks((long)(t.Ticks / TimeCompression));

    /// <summary>A task's timeline when created at <paramref name="now"/>: it starts after the queue time and ends after the generation time, both compressed.</summary>
    internal (DateTimeOffset StartsAt, DateTimeOffset EndsAt) TimelineFrom(DateTimeOffset now)
    {
        var startsAt = now + Compress(QueueTime);
        return (startsAt, startsAt + Compress(GenerationTime));
    }
}
