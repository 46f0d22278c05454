namespace Reelay.Emulation;

/// <summary>The settings every provider emulator shares: its timeline's pace, where it says it lives, logging and faults.</summary>
public interface IEmulatorTimelineOptions
{
    /// <summary>Divides queue and generation times (a factor of 10 makes a 90 s generation take 9 s).</summary>
    double TimeCompression { get; set; }

    TimeSpan QueueTime { get; set; }

    TimeSpan GenerationTime { get; set; }

    /// <summary>Base of the URLs it hands out when reached through another address; null = the address it listens on.</summary>
    string? PublicBaseUrl { get; set; }

    bool ConsoleLogging { get; set; }

    EmulatorFaults Faults { get; set; }
}
