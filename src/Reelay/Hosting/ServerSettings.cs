namespace Reelay.Hosting;

/// <summary>How to build a server: command-line style config args, data dir, listen URLs and overrides (tests).</summary>
public sealed record ServerSettings
{
    public string[] Args { get; init; } = [];
    public string? DataDir { get; init; }
    public string? Urls { get; init; }
    /// <summary>Configuration values applied last (e.g. "Reelay:Security:AllowLoopback" = "true").</summary>
    public IReadOnlyDictionary<string, string?>? Overrides { get; init; }
    /// <summary>Applied after Reelay's own registrations, so it can replace them (e.g. a <see cref="TimeProvider"/> a test controls).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
